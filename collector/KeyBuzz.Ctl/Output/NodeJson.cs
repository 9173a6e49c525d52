namespace KeyBuzz.Ctl.Output;

internal sealed record NodeJson(
    string Name,
    string Role,
    bool MariadbRunning,
    bool SqlReachable,
    string ClusterStatus,
    string LocalState,
    int ClusterSize,
    long ConfId,
    long LastCommitted,
    long RecvQueue,
    double? FlowControlPausedPct,
    DateTimeOffset LastSeenUtc,
    DateTimeOffset SampledAtUtc,
    bool Reporting,
    string AgentVersion,
    string ClusterStateUuid,
    GrastateJson? Grastate,
    ulong LastSeq,
    ulong DroppedReadings,
    IReadOnlyList<string> Problems);
