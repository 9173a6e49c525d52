using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>Everything the planner knows about one node; all of it observed, nothing assumed.</summary>
/// <param name="Reporting">The agent answered recently. Silence is not evidence of anything.</param>
/// <param name="ClusterStatus">wsrep_cluster_status when mariadbd answers SQL, else null.</param>
/// <param name="GvwstatePresent">pc.recovery's saved view exists on disk.</param>
/// <param name="SstInProgress">An SST marker is in the datadir: the data is from an aborted transfer.</param>
/// <param name="LastPrimaryConfId">wsrep_cluster_conf_id the last time the collector saw this node Primary.</param>
/// <param name="LastPrimaryStateUuid">wsrep_cluster_state_uuid at that time.</param>
public sealed record NodeEvidence(
    string Node,
    bool Reporting,
    bool MariadbRunning,
    string? ClusterStatus,
    bool Maintenance,
    GrastateSnapshot? Grastate,
    RecoveredPosition? Recovered,
    bool GvwstatePresent,
    bool SstInProgress,
    long? LastPrimaryConfId,
    string? LastPrimaryStateUuid)
{
    public bool IsPrimary => MariadbRunning && ClusterStatus == Readings.WsrepStatus.Primary;
}
