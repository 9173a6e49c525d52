namespace KeyBuzz.Ctl.Output;

/// <summary>Who coordinates recovery, as the answering collector sees it (`mode`: single or etcd).</summary>
internal sealed record CoordinatorJson(
    string Mode,
    string Replica,
    bool Leader,
    string? LeaderName,
    string? LeaderUrl,
    DateTimeOffset? LeaderSince,
    long FencingToken,
    long ElectionsWon,
    IReadOnlyList<string> Replicas,
    string? Problem);
