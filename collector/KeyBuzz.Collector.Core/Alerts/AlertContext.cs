using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>Everything a rule may look at for one cluster at one instant.</summary>
/// <param name="ExpectedSize">Nodes the cluster should have (configured, else every node that ever reported), maintenance excluded.</param>
/// <param name="MissedIntervals">Sampling intervals without a reading before a node counts as not reporting.</param>
/// <param name="Maintenance">Nodes an operator put in maintenance: their node alerts are silenced.</param>
/// <param name="NeverSeen">Nodes that reported in the past but not once since the collector started (after a grace period).</param>
/// <param name="Fork">A forked history the component ledger found and no human has resolved yet.</param>
public sealed record AlertContext(
    ClusterView View,
    DateTimeOffset Now,
    int ExpectedSize,
    int MissedIntervals,
    CounterWindow Counters,
    IReadOnlySet<string> Maintenance,
    IReadOnlyList<string>? NeverSeen = null,
    IReadOnlyList<ProxySql.ProxyObservation>? Proxies = null,
    ProxySql.ProxyHistory? ProxyHistory = null,
    ProxySql.DesiredProxyConfig? DesiredProxy = null,
    Components.ForkFinding? Fork = null)
{
    /// <summary>Writer changes and counters of the ProxySQL nodes over the last 30 minutes.</summary>
    public ProxySql.ProxyHistory ProxyTimeline => ProxyHistory ?? ProxySql.ProxyHistory.Empty;

    /// <summary>ProxySQL nodes of this cluster (empty until ProxySQL agents report); a proxy in maintenance is left out.</summary>
    public IReadOnlyList<ProxySql.ProxyObservation> ProxyNodes => [.. (Proxies ?? []).Where(p => !Maintenance.Contains(p.Proxy))];

    /// <summary>A ProxySQL node reports when its last reading is younger than MissedIntervals intervals (at least 10 s).</summary>
    public bool IsReporting(ProxySql.ProxyObservation proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        var limit = proxy.Interval * MissedIntervals;
        return Now - proxy.LastSeen <= (limit > TimeSpan.FromSeconds(10) ? limit : TimeSpan.FromSeconds(10));
    }

    public IEnumerable<ProxySql.ProxyObservation> ReportingProxies => ProxyNodes.Where(IsReporting);

    public string Cluster => View.Name;

    public bool IsReporting(NodeState node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Now - node.LastSeen <= node.Agent.Interval * MissedIntervals;
    }

    /// <summary>Nodes whose wsrep status is fresh and meaningful: reporting, SQL answering, not in maintenance.</summary>
    public IEnumerable<NodeState> LiveNodes => View.Nodes.Values.Where(n => !Maintenance.Contains(n.Node) && IsReporting(n) && n.Latest.SqlReachable);

    /// <summary>Nodes not in maintenance.</summary>
    public IEnumerable<NodeState> WatchedNodes => View.Nodes.Values.Where(n => !Maintenance.Contains(n.Node));

    public CounterIncrease? Increase(NodeState node, string counter, TimeSpan span)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Counters.Increase(Cluster, node.Node, counter, span, Now);
    }
}
