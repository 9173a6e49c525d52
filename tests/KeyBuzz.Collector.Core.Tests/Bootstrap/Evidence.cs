using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Tests.Bootstrap;

/// <summary>Compact builders for planner inputs: a node is down and reporting unless told otherwise.</summary>
internal static class Evidence
{
    public const string U = "74b40c19-e905-11f1-a459-5e998b5f3507";
    public const string Other = "11111111-2222-3333-4444-555555555555";

    public static NodeEvidence Down(string node, long? recovered = null, long grastateSeqno = -1, bool safe = false, string uuid = U, long? lastConf = 5) =>
        new(node, true, false, null, false,
            new GrastateSnapshot(true, grastateSeqno >= 0 ? uuid : U, grastateSeqno, safe, null),
            recovered is { } r ? new RecoveredPosition(uuid, r, null, false) : null,
            true, false, lastConf, lastConf is null ? null : U);

    public static NodeEvidence Clean(string node, long seqno, bool safe = false, string uuid = U, long? lastConf = 5) =>
        Down(node, grastateSeqno: seqno, safe: safe, uuid: uuid, lastConf: lastConf);

    public static NodeEvidence Silent(string node, long? lastConf = 5) =>
        Down(node, lastConf: lastConf) with { Reporting = false };

    public static NodeEvidence Primary(string node) =>
        new(node, true, true, "Primary", false, null, null, true, false, 6, U);

    public static NodeEvidence Waiting(string node, bool gvwstate = true) =>
        new(node, true, true, "non-Primary", false, null, null, gvwstate, false, 5, U);

    public static ClusterEvidence Cluster(params NodeEvidence[] nodes) => new("kblab", nodes, new Dictionary<string, long>());

    public static ClusterEvidence WithHighWater(long highWater, params NodeEvidence[] nodes) => new("kblab", nodes, new Dictionary<string, long> { [U] = highWater });
}
