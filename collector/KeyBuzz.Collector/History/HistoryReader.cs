using KeyBuzz.Collector.Core.History;

namespace KeyBuzz.Collector.History;

/// <summary>History of one node, MariaDB or ProxySQL: the same queries, each kind from its own store.</summary>
internal sealed class HistoryReader(HistoryStore history, SteppedHistory stepped, ProxyHistoryStore proxies)
{
    /// <summary>Every (cluster, node) with history, ProxySQL nodes included.</summary>
    public IReadOnlyList<(string Cluster, string Node)> KnownNodes() => [.. history.KnownNodes(), .. proxies.KnownProxies()];

    public (IReadOnlyList<Bucket> Buckets, long StepMs, string Source) Stepped(string cluster, string node, string metric, long fromUnixMs, long toUnixMs, long stepMs) =>
        (IsProxy(cluster, node) ? proxies.Stepped : stepped).Query(cluster, node, metric, fromUnixMs, toUnixMs, stepMs);

    public IReadOnlyList<HistoryPoint> Raw(string cluster, string node, string metric, long fromUnixMs, long toUnixMs, int limit) =>
        ((IRawHistory)(IsProxy(cluster, node) ? proxies : history)).Query(cluster, node, metric, fromUnixMs, toUnixMs, limit);

    // A name is a database node if it ever streamed as one; only otherwise is it looked up among the proxies.
    private bool IsProxy(string cluster, string node) =>
        !history.KnownNodes().Contains((cluster, node)) && proxies.KnownProxies().Contains((cluster, node));
}
