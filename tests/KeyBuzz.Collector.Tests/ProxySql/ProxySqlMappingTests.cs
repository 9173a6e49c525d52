using KeyBuzz.Collector.ProxySql;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Tests.Shared;

namespace KeyBuzz.Collector.Tests.ProxySql;

public sealed class ProxySqlMappingTests
{
    [Theory]
    [InlineData("healthy", "127.0.0.11:3306")]
    [InlineData("writer-killed", "127.0.0.12:3306")]
    [InlineData("writer-back", "127.0.0.11:3306")]
    [InlineData("all-down", null)]
    public void Captured_reading_maps_to_the_routing_view(string state, string? writer)
    {
        var (snapshot, error) = ProxySqlMapping.ToSnapshot(CaptureReadings.Reading(state), null);
        Assert.Null(error);
        Assert.Equal(writer, new Core.ProxySql.ProxyObservation("proxy1", DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), snapshot!).Routing.Writer);
    }

    [Fact]
    public void A_table_whose_sampler_failed_keeps_its_previous_rows()
    {
        var (first, _) = ProxySqlMapping.ToSnapshot(CaptureReadings.Reading("healthy"), null);
        var (second, error) = ProxySqlMapping.ToSnapshot(CaptureReadings.Reading("writer-killed", "stats_mysql_connection_pool"), first);
        Assert.Null(error);
        Assert.Same(first!.Pool, second!.Pool);
        Assert.NotEqual(first.Servers, second.Servers);
    }

    [Fact]
    public void Without_runtime_mysql_servers_the_proxy_state_is_unknown_not_the_old_one()
    {
        var (first, _) = ProxySqlMapping.ToSnapshot(CaptureReadings.Reading("healthy"), null);
        var (second, error) = ProxySqlMapping.ToSnapshot(CaptureReadings.Reading("healthy", "runtime_mysql_servers"), first);
        Assert.Null(second);
        Assert.Contains("runtime_mysql_servers could not be read", error, StringComparison.Ordinal);
        var down = new ProxySqlReading { AdminReachable = false, Errors = { new SamplerError { Sampler = "runtime_mysql_servers", Message = "Connection refused" } } };
        Assert.Null(ProxySqlMapping.ToSnapshot(down, first).Snapshot);
    }

    [Fact]
    public void Log_count_of_too_many_writers_reaches_the_counters_and_survives_a_cycle_without_it()
    {
        var withLog = CaptureReadings.Reading("healthy");
        withLog.Tables.Add(new AdminTable { Name = "proxysql_log", Rows = { new AdminRow { Values = { ["too_many_writers_total"] = "3" } } } });
        var (first, _) = ProxySqlMapping.ToSnapshot(withLog, null);
        var (second, _) = ProxySqlMapping.ToSnapshot(CaptureReadings.Reading("healthy"), first);

        Assert.Equal(3, first!.Global[Core.ProxySql.ProxyHistory.LogTooManyWriters]);
        Assert.Equal(3, second!.Global[Core.ProxySql.ProxyHistory.LogTooManyWriters]);
        Assert.False(ProxySqlMapping.ToSnapshot(CaptureReadings.Reading("healthy"), null).Snapshot!.Global.ContainsKey(Core.ProxySql.ProxyHistory.LogTooManyWriters));
    }

    [Fact]
    public void Galera_checks_arrive_incrementally_and_the_latest_per_backend_are_kept()
    {
        var (first, _) = ProxySqlMapping.ToSnapshot(CaptureReadings.Reading("healthy"), null);
        var (second, _) = ProxySqlMapping.ToSnapshot(CaptureReadings.Reading("writer-killed"), first);
        var checks = second!.GaleraLog.GroupBy(c => c.Endpoint).ToList();
        Assert.All(checks, g => Assert.True(g.Count() <= 5));
        Assert.Equal(second.GaleraLog.Where(c => c.Endpoint == "127.0.0.11:3306").Max(c => c.TimeStartUs),
            CaptureReadings.Reading("writer-killed").Tables.Single(t => t.Name == "mysql_server_galera_log").Rows
                .Where(r => r.Values["hostname"] == "127.0.0.11").Max(r => long.Parse(r.Values["time_start_us"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void First_reading_without_the_server_tables_is_refused_with_the_reason()
    {
        var unreachable = new ProxySqlReading { AdminReachable = false, Errors = { new SamplerError { Sampler = "runtime_mysql_servers", Message = "Connection refused" } } };
        Assert.Contains("admin interface not reachable: runtime_mysql_servers: Connection refused", ProxySqlMapping.ToSnapshot(unreachable, null).Error, StringComparison.Ordinal);
        var broken = CaptureReadings.Reading("healthy");
        broken.Tables.Single(t => t.Name == "runtime_mysql_servers").Rows[0].Values["port"] = "not-a-port";
        Assert.Contains("runtime_mysql_servers row 1: column port is not a number", ProxySqlMapping.ToSnapshot(broken, null).Error, StringComparison.Ordinal);
    }
}
