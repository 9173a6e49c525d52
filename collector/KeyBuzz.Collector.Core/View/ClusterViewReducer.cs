using KeyBuzz.Collector.Core.Rates;
using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.View;

/// <summary>Applies one reading to a cluster view (pure).</summary>
public static class ClusterViewReducer
{
    public static ClusterView Apply(ClusterView view, string node, AgentInfo agent, NodeReading reading, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(reading);
        if (view.Nodes.TryGetValue(node, out var existing))
        {
            var lastSeen = receivedAt > existing.LastSeen ? receivedAt : existing.LastSeen;
            if (reading.SampledAt <= existing.Latest.SampledAt)
            {
                // A resent, older reading (after a reconnect): history gets it, the live view keeps the newest.
                return view with { Nodes = view.Nodes.SetItem(node, existing with { Agent = agent, LastSeen = lastSeen }) };
            }

            var paused = CounterRate.PausedPercent(
                existing.Latest.Long(WsrepStatus.FlowControlPausedNs), existing.Latest.SampledAt,
                reading.Long(WsrepStatus.FlowControlPausedNs), reading.SampledAt);
            return view with { Nodes = view.Nodes.SetItem(node, new NodeState(view.Name, node, agent, reading, lastSeen, paused)) };
        }

        return view with { Nodes = view.Nodes.SetItem(node, new NodeState(view.Name, node, agent, reading, receivedAt, null)) };
    }
}
