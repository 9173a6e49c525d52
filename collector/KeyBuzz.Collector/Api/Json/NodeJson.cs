namespace KeyBuzz.Collector.Api.Json;

/// <summary>A node in GET /api/v1/clusters/{name}. Numbers absent from the last reading are null.</summary>
internal sealed record NodeJson(
    string Name,
    string HostName,
    string AgentVersion,
    bool Reporting,
    DateTimeOffset LastSeen,
    DateTimeOffset SampledAt,
    bool MariadbRunning,
    bool SqlReachable,
    string? ClusterStatus,
    string? LocalState,
    long? ClusterSize,
    long? ConfId,
    string? ClusterStateUuid,
    long? LastCommitted,
    long? RecvQueue,
    double? FlowControlPausedPercent,
    string? Ready,
    bool Maintenance,
    string RepairState,
    string RepairReason,
    IReadOnlyList<string> Problems);
