using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>Everything the planner knows about one node; all of it observed, nothing assumed.</summary>
/// <param name="Reporting">The agent answered recently. Silence is not evidence of anything.</param>
/// <param name="ClusterStatus">wsrep_cluster_status when mariadbd answers SQL, else null.</param>
/// <param name="Recovered">The agent's last --wsrep-recover result (evidence only while its datadir identity is <paramref name="DatadirIdentity"/>).</param>
/// <param name="DatadirIdentity">The datadir's identity in the same reading.</param>
/// <param name="GvwstatePresent">pc.recovery's saved view exists on disk.</param>
/// <param name="SstInProgress">An SST marker is in the datadir: the data is from an aborted transfer.</param>
/// <param name="History">Where history places it relative to the latest Primary Component.</param>
public sealed record NodeEvidence(
    string Node,
    bool Reporting,
    bool MariadbRunning,
    string? ClusterStatus,
    bool Maintenance,
    GrastateSnapshot? Grastate,
    RecoveredPosition? Recovered,
    string DatadirIdentity,
    bool GvwstatePresent,
    bool SstInProgress,
    NodeHistory History)
{
    public bool IsPrimary => MariadbRunning && ClusterStatus == Readings.WsrepStatus.Primary;

    /// <summary>History proves it takes no part: behind the latest component, or from a forked one.</summary>
    public bool TakesNoPart => History is NodeHistory.Behind or NodeHistory.ServedFork;
}
