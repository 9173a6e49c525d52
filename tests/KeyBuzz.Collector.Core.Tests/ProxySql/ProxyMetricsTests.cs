using KeyBuzz.Collector.Core.ProxySql;

namespace KeyBuzz.Collector.Core.Tests.ProxySql;

public sealed class ProxyMetricsTests
{
    [Fact]
    public void Backends_are_summed_over_their_hostgroups_and_only_the_frontend_counters_are_kept()
    {
        var snapshot = new ProxySnapshot([], [], [
            new PoolEntry(10, "127.0.0.11", 3306, "ONLINE", ConnUsed: 3, ConnFree: 1, ConnOk: 9, ConnErr: 2, Queries: 100, LatencyUs: 300),
            new PoolEntry(30, "127.0.0.11", 3306, "ONLINE", ConnUsed: 1, ConnFree: 0, ConnOk: 1, ConnErr: 1, Queries: 5, LatencyUs: 500),
            new PoolEntry(20, "127.0.0.12", 3306, "SHUNNED", ConnUsed: 0, ConnFree: 2, ConnOk: 4, ConnErr: 7, Queries: 0, LatencyUs: 0),
        ], [], new Dictionary<string, long> { ["Client_Connections_connected"] = 12, ["Questions"] = 999, ["mysql_thread_workers"] = 4 });

        var metrics = ProxyMetrics.From(snapshot).ToDictionary(m => m.Name, m => m.Value);

        Assert.Equal(4, metrics["ConnUsed:127.0.0.11:3306"]);
        Assert.Equal(3, metrics["ConnERR:127.0.0.11:3306"]);
        Assert.Equal(105, metrics["Queries:127.0.0.11:3306"]);
        Assert.Equal(500, metrics["Latency_us:127.0.0.11:3306"]); // the worst hostgroup, not a sum
        Assert.Equal(7, metrics["ConnERR:127.0.0.12:3306"]);
        Assert.Equal(12, metrics["Client_Connections_connected"]);
        Assert.Equal(999, metrics["Questions"]);
        Assert.False(metrics.ContainsKey("mysql_thread_workers"));
        Assert.False(metrics.ContainsKey("Slow_queries")); // absent from the reading: not invented as 0
    }

    [Fact]
    public void An_empty_pool_gives_no_backend_metric()
    {
        var metrics = ProxyMetrics.From(new ProxySnapshot([], [], [], [], new Dictionary<string, long>()));

        Assert.Empty(metrics);
    }
}
