using KeyBuzz.Collector.Options;
using KeyBuzz.Collector.ProxySql;
using Microsoft.Extensions.Options;
using Prometheus;

namespace KeyBuzz.Collector.Metrics;

/// <summary>Before each scrape, copies every ProxySQL node's routing view into keybuzz_proxysql_* gauges; series of backends that are gone are removed.</summary>
internal sealed class ProxyMetricsExporter
{
    private readonly ProxyViewStore _proxies;
    private readonly TimeProvider _time;
    private readonly int _missedIntervals;
    private readonly Gauge _up;
    private readonly Gauge _onlineWriters;
    private readonly Gauge _backendOnline;
    private readonly Gauge _connectionsUsed;
    private readonly Gauge _clientConnections;
    private readonly Dictionary<Gauge, HashSet<string[]>> _written = [];

    public ProxyMetricsExporter(CollectorMetrics metrics, ProxyViewStore proxies, IOptions<CollectorOptions> options, TimeProvider time)
    {
        _proxies = proxies;
        _time = time;
        _missedIntervals = options.Value.NotReportingAfterMissedIntervals;
        _up = metrics.Factory.CreateGauge("keybuzz_proxysql_up", "1 while the ProxySQL node's agent reports readings from its admin interface.", ["cluster", "proxy"]);
        _onlineWriters = metrics.Factory.CreateGauge("keybuzz_proxysql_online_writers", "ONLINE servers in the writer hostgroup (runtime_mysql_servers); anything but 1 is an alert.", ["cluster", "proxy"]);
        _backendOnline = metrics.Factory.CreateGauge("keybuzz_proxysql_backend_online", "1 when the backend is ONLINE in the hostgroup of this role (runtime_mysql_servers).", ["cluster", "proxy", "endpoint", "role"]);
        _connectionsUsed = metrics.Factory.CreateGauge("keybuzz_proxysql_backend_connections_used", "ConnUsed of stats_mysql_connection_pool: sessions using the backend now.", ["cluster", "proxy", "hostgroup", "endpoint"]);
        _clientConnections = metrics.Factory.CreateGauge("keybuzz_proxysql_client_connections", "Client_Connections_connected of stats_mysql_global.", ["cluster", "proxy"]);
        metrics.Registry.AddBeforeCollectCallback(Update);
    }

    private void Update()
    {
        var now = _time.GetUtcNow();
        var fresh = new Dictionary<Gauge, List<(string[] Labels, double Value)>>
        {
            [_up] = [], [_onlineWriters] = [], [_backendOnline] = [], [_connectionsUsed] = [], [_clientConnections] = [],
        };
        foreach (var cluster in _proxies.Clusters)
        {
            foreach (var o in _proxies.Proxies(cluster))
            {
                var reporting = now - o.LastSeen <= o.Interval * _missedIntervals;
                fresh[_up].Add(([cluster, o.Proxy], reporting ? 1 : 0));
                if (!reporting)
                {
                    continue;
                }

                fresh[_onlineWriters].Add(([cluster, o.Proxy], o.Routing.OnlineWriters.Count));
                foreach (var b in o.Routing.Backends)
                {
                    fresh[_backendOnline].Add(([cluster, o.Proxy, b.Endpoint, b.Role], b.Status == "ONLINE" ? 1 : 0));
                }

                foreach (var p in o.Snapshot.Pool)
                {
                    fresh[_connectionsUsed].Add(([cluster, o.Proxy, p.Hostgroup.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{p.Host}:{p.Port}"], p.ConnUsed));
                }

                if (o.Snapshot.Global.TryGetValue("Client_Connections_connected", out var clients))
                {
                    fresh[_clientConnections].Add(([cluster, o.Proxy], clients));
                }
            }
        }

        foreach (var (gauge, series) in fresh)
        {
            var keep = new HashSet<string[]>(series.Select(s => s.Labels), LabelComparer.Instance);
            foreach (var stale in _written.TryGetValue(gauge, out var before) ? before.Where(l => !keep.Contains(l)) : [])
            {
                gauge.RemoveLabelled(stale);
            }

            foreach (var (labels, value) in series)
            {
                gauge.WithLabels(labels).Set(value);
            }

            _written[gauge] = keep;
        }
    }

    private sealed class LabelComparer : IEqualityComparer<string[]>
    {
        public static readonly LabelComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal);

        public int GetHashCode(string[] obj) => string.Join('\u0001', obj).GetHashCode(StringComparison.Ordinal);
    }
}
