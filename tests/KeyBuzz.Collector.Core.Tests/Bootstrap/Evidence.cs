using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Tests.Bootstrap;

/// <summary>
/// Compact builders for planner inputs: a node is down, reporting, a member of the latest Primary
/// Component, and its position is recovered from its datadir as it is now, unless told otherwise.
/// </summary>
internal static class Evidence
{
    public const string U = "74b40c19-e905-11f1-a459-5e998b5f3507";
    public const string Other = "11111111-2222-3333-4444-555555555555";
    public const string Datadir = "5e1d2c3b4a596877";
    public static readonly DateTimeOffset RecoveredAt = new(2026, 11, 25, 9, 59, 0, TimeSpan.Zero);

    public static NodeEvidence Down(string node, long? recovered = null, long grastateSeqno = -1, bool safe = false, string uuid = U, NodeHistory history = NodeHistory.InLatest) =>
        new(node, true, false, null, false,
            new GrastateSnapshot(true, grastateSeqno >= 0 ? uuid : U, grastateSeqno, safe, null),
            recovered is { } r ? new RecoveredPosition(uuid, r, null, false, Datadir, RecoveredAt) : null,
            Datadir, true, false, history);

    /// <summary>Stopped cleanly: grastate.dat holds the position and InnoDB confirms it.</summary>
    public static NodeEvidence Clean(string node, long seqno, bool safe = false, string uuid = U, NodeHistory history = NodeHistory.InLatest) =>
        Down(node, seqno, seqno, safe, uuid, history);

    /// <summary>InnoDB holds nothing (wiped or re-initialised datadir); grastate.dat may still claim a position.</summary>
    public static NodeEvidence Empty(string node, long grastateSeqno = -1) =>
        Down(node, -1, grastateSeqno) with { Recovered = new RecoveredPosition(Core.Bootstrap.Position.ZeroUuid, -1, null, false, Datadir, RecoveredAt) };

    /// <summary>The position was recovered, then the datadir changed: it is no longer evidence.</summary>
    public static NodeEvidence Stale(string node, long recovered) => Down(node, recovered) with { DatadirIdentity = "0000000000000001" };

    public static NodeEvidence Silent(string node, NodeHistory history = NodeHistory.InLatest) =>
        Down(node, history: history) with { Reporting = false };

    public static NodeEvidence Primary(string node) =>
        new(node, true, true, "Primary", false, null, null, Datadir, true, false, NodeHistory.InLatest);

    public static NodeEvidence Waiting(string node, bool gvwstate = true, NodeHistory history = NodeHistory.InLatest) =>
        new(node, true, true, "non-Primary", false, null, null, Datadir, gvwstate, false, history);

    public static ClusterEvidence Cluster(params NodeEvidence[] nodes) => new("kblab", nodes);

    /// <summary>History knows the latest Primary Component (every node given, all members known) and its high-water mark.</summary>
    public static ClusterEvidence WithHighWater(long highWater, params NodeEvidence[] nodes) =>
        new("kblab", nodes, new LatestComponent(U, highWater, [.. nodes.Where(n => n.History == NodeHistory.InLatest).Select(n => n.Node)], true));
}
