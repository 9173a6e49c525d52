using System.Collections.Immutable;
using KeyBuzz.Collector.Core.Alerts;
using KeyBuzz.Collector.Core.Alerts.Rules;
using KeyBuzz.Collector.Core.ProxySql;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Core.Tests.ProxySql;

/// <summary>Rules that compare a ProxySQL node with its own past: fed the captured states one after another, one reading per second.</summary>
public sealed class ProxyTimelineRuleTests
{
    private static ProxySnapshot State(string name) => Captures.Snapshot(name);

    private static ProxySnapshot Counters(string counter, long value) =>
        State("healthy") with { Global = new Dictionary<string, long>(State("healthy").Global) { [counter] = value } };

    private static ProxySnapshot TwoWriters => State("healthy") with
    {
        Servers = [.. State("healthy").Servers.Select(s => s.Host == "127.0.0.12" && s.Hostgroup == 10 ? s with { Status = "ONLINE" } : s)],
    };

    private static ProxySnapshot Saturated => State("healthy") with
    {
        Global = new Dictionary<string, long>(State("healthy").Global) { ["Client_Connections_connected"] = 95 },
        Variables = new Dictionary<string, string> { ["mysql-max_connections"] = "100" },
    };

    private static ProxySnapshot PeerDiffers => State("healthy") with
    {
        Checksums = [.. State("healthy").Checksums!.Select(c => c.Port == 6032 && c.Host == "127.0.0.22" && c.Name == "mysql_servers_v2" ? c with { Checksum = "0x0123456789ABCDEF" } : c)],
    };

    /// <summary>rule, (seconds, snapshot) segments in order, fires at the end?</summary>
    public static TheoryData<string, IAlertRule, (int Seconds, ProxySnapshot Snapshot)[], bool> Cases => new()
    {
        { "writer change is reported", new ProxySQLWriterChanged(), [(10, State("healthy")), (10, State("writer-killed"))], true },
        { "writer change clears after a minute", new ProxySQLWriterChanged(), [(10, State("healthy")), (70, State("writer-killed"))], false },
        { "steady writer", new ProxySQLWriterChanged(), [(30, State("healthy"))], false },
        { "failback to the returning node", new ProxySQLFailback(), [(10, State("healthy")), (10, State("writer-killed")), (5, State("writer-back"))], true },
        { "a failover alone is not a failback", new ProxySQLFailback(), [(10, State("healthy")), (15, State("writer-killed"))], false },
        { "flapping writer", new ProxySQLWriterFlapping(), [(5, State("healthy")), (5, State("writer-killed")), (5, State("writer-back")), (5, State("writer-killed"))], true },
        { "two changes is not flapping", new ProxySQLWriterFlapping(), [(5, State("healthy")), (5, State("writer-killed")), (5, State("writer-back"))], false },
        { "client connect timeouts", new ProxySQLClientConnectTimeouts(), [(5, Counters("max_connect_timeouts", 1)), (5, Counters("max_connect_timeouts", 3))], true },
        { "no new connect timeouts", new ProxySQLClientConnectTimeouts(), [(10, Counters("max_connect_timeouts", 1))], false },
        { "pool get failures", new ProxySQLPoolGetFailures(), [(5, Counters("ConnPool_get_conn_failure", 9247)), (5, Counters("ConnPool_get_conn_failure", 9250))], true },
        { "frontend saturated 2 min", new ProxySQLFrontendSaturation(), [(125, Saturated)], true },
        { "frontend saturated 1 min is pending", new ProxySQLFrontendSaturation(), [(60, Saturated)], false },
        { "peers out of sync 60 s", new ProxySQLClusterOutOfSync(), [(65, PeerDiffers)], true },
        { "peers in sync", new ProxySQLClusterOutOfSync(), [(65, State("healthy"))], false },
        { "a one-reading double-writer window keeps firing", new ProxySQLTooManyWriters(), [(10, State("healthy")), (1, TwoWriters), (60, State("healthy"))], true },
        { "a double-writer window older than 10 min clears", new ProxySQLTooManyWriters(), [(1, TwoWriters), (610, State("healthy"))], false },
        { "too many writers lines in ProxySQL's log", new ProxySQLTooManyWriters(), [(5, Counters(ProxyHistory.LogTooManyWriters, 0)), (1, Counters(ProxyHistory.LogTooManyWriters, 2)), (30, Counters(ProxyHistory.LogTooManyWriters, 2))], true },
        { "no new log lines", new ProxySQLTooManyWriters(), [(30, Counters(ProxyHistory.LogTooManyWriters, 2))], false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Timeline_rule_outcome(string name, IAlertRule rule, (int Seconds, ProxySnapshot Snapshot)[] segments, bool fires)
    {
        var history = ProxyHistory.Empty;
        var active = ImmutableDictionary<string, ActiveAlert>.Empty;
        var t = 0;
        foreach (var (seconds, snapshot) in segments)
        {
            for (var i = 0; i < seconds; i++, t++)
            {
                var now = Readings.T0.AddSeconds(t);
                var observation = new ProxyObservation("proxy1", now, TimeSpan.FromSeconds(1), snapshot);
                history = history.Add(observation);
                var context = new AlertContext(ClusterView.Empty("kblab"), now, 3, 3, CounterWindow.Empty, new HashSet<string>(), null, [observation], history);
                active = AlertTracker.Step(active, rule.Evaluate(context, rule.Defaults), now).Active;
            }
        }

        Assert.True(fires == active.Values.Any(a => a.Phase == AlertPhase.Firing), $"{name}: {string.Join("; ", active.Values.Select(a => $"{a.Condition.Summary} {a.Phase}"))}");
    }

    [Fact]
    public void History_keeps_thirty_minutes_and_counts_restarts_as_growth()
    {
        var history = ProxyHistory.Empty;
        history = history.Add(new ProxyObservation("p", Readings.T0, TimeSpan.FromSeconds(1), Counters("ConnPool_get_conn_failure", 100)));
        history = history.Add(new ProxyObservation("p", Readings.T0.AddSeconds(1), TimeSpan.FromSeconds(1), Counters("ConnPool_get_conn_failure", 5)));

        Assert.Equal(5, history.Increase("p", "ConnPool_get_conn_failure", TimeSpan.FromMinutes(5), Readings.T0.AddSeconds(1)));
        history = history.Add(new ProxyObservation("p", Readings.T0.AddMinutes(40), TimeSpan.FromSeconds(1), State("healthy")));
        Assert.Equal(0, history.Increase("p", "ConnPool_get_conn_failure", TimeSpan.FromHours(1), Readings.T0.AddMinutes(40)));
    }
}
