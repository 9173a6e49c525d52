namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>The latest state of one ProxySQL node of a cluster, as its agent reported it.</summary>
public sealed record ProxyObservation(string Proxy, DateTimeOffset LastSeen, TimeSpan Interval, ProxySnapshot Snapshot)
{
    public RoutingView Routing { get; } = RoutingViewBuilder.Build(Snapshot);
}
