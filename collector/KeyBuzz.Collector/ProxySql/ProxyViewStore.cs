using System.Collections.Immutable;
using KeyBuzz.Collector.Core.ProxySql;

namespace KeyBuzz.Collector.ProxySql;

/// <summary>
/// The live state of every ProxySQL node, per cluster, and their recent history for the rules that
/// compare over time. In memory: ProxySQL readings feed the routing view, alerts and /metrics, not LiteDB.
/// </summary>
internal sealed class ProxyViewStore
{
    private readonly Lock _lock = new();
    private ImmutableDictionary<string, ImmutableSortedDictionary<string, ProxyObservation>> _clusters = ImmutableDictionary<string, ImmutableSortedDictionary<string, ProxyObservation>>.Empty;
    private ImmutableDictionary<string, ProxyHistory> _history = ImmutableDictionary<string, ProxyHistory>.Empty;
    private ImmutableDictionary<string, string> _errors = ImmutableDictionary<string, string>.Empty;

    public IReadOnlyList<ProxyObservation> Proxies(string cluster) =>
        Volatile.Read(ref _clusters).TryGetValue(cluster, out var proxies) ? [.. proxies.Values] : [];

    public IReadOnlyCollection<string> Clusters => [.. Volatile.Read(ref _clusters).Keys];

    public ProxyHistory History(string cluster) => Volatile.Read(ref _history).TryGetValue(cluster, out var h) ? h : ProxyHistory.Empty;

    public ProxySnapshot? Latest(string cluster, string proxy) =>
        Volatile.Read(ref _clusters).TryGetValue(cluster, out var proxies) && proxies.TryGetValue(proxy, out var o) ? o.Snapshot : null;

    /// <summary>Why the latest reading of a proxy could not be used (admin unreachable, malformed rows), or null.</summary>
    public string? Error(string cluster, string proxy) => Volatile.Read(ref _errors).TryGetValue($"{cluster}/{proxy}", out var e) ? e : null;

    public void Update(string cluster, ProxyObservation observation)
    {
        lock (_lock)
        {
            var proxies = _clusters.TryGetValue(cluster, out var known) ? known : ImmutableSortedDictionary<string, ProxyObservation>.Empty.WithComparers(StringComparer.Ordinal);
            _clusters = _clusters.SetItem(cluster, proxies.SetItem(observation.Proxy, observation));
            _history = _history.SetItem(cluster, History(cluster).Add(observation));
            _errors = _errors.Remove($"{cluster}/{observation.Proxy}");
        }
    }

    /// <summary>The proxy answered but its reading was unusable: it stays with its last good snapshot (which ages out as "no data").</summary>
    public void Fail(string cluster, string proxy, string error)
    {
        lock (_lock)
        {
            _errors = _errors.SetItem($"{cluster}/{proxy}", error);
        }
    }
}
