using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>Updates what history proves, from each reading (pure).</summary>
public static class MembershipRules
{
    public static bool IsPrimary(NodeReading reading) =>
        reading.MariadbRunning && reading.SqlReachable && reading.Text(WsrepStatus.ClusterStatus) == WsrepStatus.Primary;

    public static NodeMembership Observe(NodeMembership current, NodeReading reading)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(reading);
        if (!IsPrimary(reading) || reading.Long(WsrepStatus.ClusterConfId) is not { } confId || reading.Text(WsrepStatus.ClusterStateUuid) is not { } uuid)
        {
            return current;
        }

        // conf_id grows within one history; a new history (new UUID after a bootstrap from scratch) starts over.
        if (current.LastPrimaryStateUuid == uuid && current.LastPrimaryConfId > confId)
        {
            return current;
        }

        return new NodeMembership(confId, uuid, reading.SampledAt);
    }

    /// <summary>The highest seqno seen committed by a Primary node, per cluster state UUID.</summary>
    public static (string Uuid, long Seqno)? CommittedMark(NodeReading reading) =>
        IsPrimary(reading) && reading.Text(WsrepStatus.ClusterStateUuid) is { } uuid && reading.Long(WsrepStatus.LastCommitted) is { } seqno
            ? (uuid, seqno)
            : null;
}
