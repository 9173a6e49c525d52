namespace KeyBuzz.Collector.Core.Components;

/// <summary>
/// A Primary Component that started below what the latest Primary Component had committed: two
/// histories of one cluster. Automatic actions stop until a human acknowledges it.
/// </summary>
/// <param name="ForkNodes">Nodes that served the forked component (their data diverged).</param>
/// <param name="NewerDataNodes">Members of the latest legit component: they hold the newer commits.</param>
public sealed record ForkFinding(
    long ComponentId,
    string Uuid,
    long StartedAt,
    IReadOnlyList<string> ForkNodes,
    long LatestId,
    IReadOnlyList<string> NewerDataNodes,
    long HighWater,
    DateTimeOffset DetectedAt,
    string Reason,
    bool Acknowledged = false)
{
    /// <summary>The one line every status output starts with while it is not acknowledged.</summary>
    public string Headline =>
        $"FORKED HISTORY: {string.Join(", ", ForkNodes)} serve{(ForkNodes.Count == 1 ? "s" : string.Empty)} a Primary Component that started at seqno {StartedAt}, below seqno {HighWater} committed in the latest Primary Component; " +
        (NewerDataNodes.Count > 0 ? $"{string.Join(", ", NewerDataNodes)} hold{(NewerDataNodes.Count == 1 ? "s" : string.Empty)} the newer data. " : "no other node is known to hold the newer data. ") +
        "Automatic actions are stopped: stop writes to the forked side, decide which history to keep, then kbctl recovery resolve-fork";
}
