namespace KeyBuzz.Collector.Diagnostics;

/// <summary>Every log event of the collector (1xxx streams, 2xxx history, 9xxx host).</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Agent {Cluster}/{Node} connected (instance {Instance}, version {Version}); stored up to seq {Seq}")]
    public static partial void AgentConnected(ILogger logger, string cluster, string node, string instance, string version, ulong seq);

    [LoggerMessage(1002, LogLevel.Information, "Agent {Cluster}/{Node} disconnected")]
    public static partial void AgentDisconnected(ILogger logger, string cluster, string node);

    [LoggerMessage(1003, LogLevel.Warning, "Agent stream rejected: {Reason}")]
    public static partial void StreamRejected(ILogger logger, string reason);

    [LoggerMessage(1004, LogLevel.Warning, "Agent {Cluster}/{Node} sent an invalid reading (seq {Seq}): {Reason}; skipped")]
    public static partial void InvalidReading(ILogger logger, string cluster, string node, ulong seq, string reason);

    [LoggerMessage(2001, LogLevel.Error, "Writing {Count} readings to history failed; agents will resend them")]
    public static partial void HistoryWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(2002, LogLevel.Information, "Retention: deleted {Count} readings older than {Cutoff}")]
    public static partial void RetentionDeleted(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(2010, LogLevel.Warning, "Keeping a ProxySQL reading of {Cluster}/{Proxy} in history failed (the live view has it; the chart will show a gap)")]
    public static partial void ProxyHistoryWriteFailed(ILogger logger, string cluster, string proxy, Exception exception);

    [LoggerMessage(9001, LogLevel.Information, "kb-collector starting: listening on {Url}, history in {DataDirectory}, retention {RetentionHours} h")]
    public static partial void Starting(ILogger logger, string url, string dataDirectory, int retentionHours);

    [LoggerMessage(3001, LogLevel.Warning, "Recovery {Cluster}: {Text}")]
    public static partial void RecoveryEvent(ILogger logger, string cluster, string text);

    [LoggerMessage(3002, LogLevel.Warning, "Recovery {Cluster} round {Round}: bootstrap grant {Grant} ({Kind}) issued to {Node} by {By}")]
    public static partial void GrantIssued(ILogger logger, string cluster, ulong round, string node, string grant, string kind, string by);

    [LoggerMessage(3003, LogLevel.Warning, "Maintenance {State} for {Cluster}/{Node}: {Reason}")]
    public static partial void Maintenance(ILogger logger, string state, string cluster, string node, string reason);

    [LoggerMessage(3004, LogLevel.Error, "Recovery {Cluster}: coordinator step failed; retrying next second")]
    public static partial void CoordinatorFailed(ILogger logger, string cluster, Exception exception);

    [LoggerMessage(3005, LogLevel.Warning, "Recovery {Cluster}: forked history resolved by an operator ({Reason}): {Outcome}")]
    public static partial void ForkResolved(ILogger logger, string cluster, string reason, string outcome);

    [LoggerMessage(3006, LogLevel.Critical, "Fault injection: Recovery:CrashAfterPersisting={Point}: the collector kills itself after persisting the step, before sending it")]
    public static partial void CrashPoint(ILogger logger, string point);

    [LoggerMessage(4001, LogLevel.Warning, "Rejected {Method} from {Peer}: {Reason}")]
    public static partial void CallRejected(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(5001, LogLevel.Warning, "Alert {State}: {Name} {Severity} {Cluster}/{Node}: {Summary}")]
    public static partial void AlertTransition(ILogger logger, string state, string name, string severity, string cluster, string node, string summary);

    [LoggerMessage(5002, LogLevel.Error, "Alert evaluation failed; retrying next interval")]
    public static partial void AlertEvaluationFailed(ILogger logger, Exception exception);

    [LoggerMessage(5003, LogLevel.Warning, "Alertmanager {Url}: push of {Count} alerts failed (attempt {Attempt}): {Reason}")]
    public static partial void AlertmanagerPushFailed(ILogger logger, string url, int count, int attempt, string reason);

    [LoggerMessage(5004, LogLevel.Information, "Cluster {Cluster}: {Summary}")]
    public static partial void ViewChanged(ILogger logger, string cluster, string summary);

    [LoggerMessage(5005, LogLevel.Information, "Downsampling: {Count} one-minute aggregates written")]
    public static partial void Downsampled(ILogger logger, int count);

    [LoggerMessage(6001, LogLevel.Warning, "Operator action {Action} on {Cluster}/{Node}: {Outcome}: {Message}")]
    public static partial void NodeAction(ILogger logger, string action, string cluster, string node, string outcome, string message);

    [LoggerMessage(6002, LogLevel.Warning, "Rolling apply {Id} on {Cluster}: {Message}")]
    public static partial void Rollout(ILogger logger, string id, string cluster, string message);

    [LoggerMessage(7001, LogLevel.Warning, "Coordination: replica {Replica} is the leader (fencing token {Token}): it alone opens rounds, grants and sends commands")]
    public static partial void BecameLeader(ILogger logger, string replica, long token);

    [LoggerMessage(7002, LogLevel.Warning, "Coordination: replica {Replica} stepped down ({Reason})")]
    public static partial void SteppedDown(ILogger logger, string replica, string reason);

    [LoggerMessage(7003, LogLevel.Warning, "Coordination: {Problem}; this replica does not coordinate until etcd answers")]
    public static partial void EtcdProblem(ILogger logger, string problem);

    [LoggerMessage(7004, LogLevel.Warning, "Coordination: command {Id} for {Cluster}/{Node} withheld: this replica is not the leader")]
    public static partial void CommandWithheld(ILogger logger, string id, string cluster, string node);
}
