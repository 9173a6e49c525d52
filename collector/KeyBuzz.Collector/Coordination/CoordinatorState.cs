namespace KeyBuzz.Collector.Coordination;

/// <summary>What kbctl status and /metrics show of the coordination.</summary>
internal sealed record CoordinatorState(
    string Mode,
    string Replica,
    bool Leader,
    string LeaderName,
    string LeaderUrl,
    DateTimeOffset? LeaderSince,
    long FencingToken,
    long ElectionsWon,
    IReadOnlyList<string> Replicas,
    string Problem);
