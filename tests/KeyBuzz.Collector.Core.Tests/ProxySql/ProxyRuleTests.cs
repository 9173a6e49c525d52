using System.Collections.Immutable;
using KeyBuzz.Collector.Core.Alerts;
using KeyBuzz.Collector.Core.Alerts.Rules;
using KeyBuzz.Collector.Core.ProxySql;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Core.Tests.ProxySql;

public sealed class ProxyRuleTests
{
    private static ProxySnapshot Healthy => Captures.Snapshot("healthy");

    private static ProxySnapshot With(ProxySnapshot snapshot, IReadOnlyList<ProxyServer>? servers = null, IReadOnlyList<PoolEntry>? pool = null, IReadOnlyList<GaleraCheck>? log = null, long? uptime = null) =>
        snapshot with
        {
            Servers = servers ?? snapshot.Servers,
            Pool = pool ?? snapshot.Pool,
            GaleraLog = log ?? snapshot.GaleraLog,
            Global = uptime is { } u ? new Dictionary<string, long>(snapshot.Global) { ["ProxySQL_Uptime"] = u } : snapshot.Global,
        };

    private static ProxySnapshot TwoWriters => With(Healthy, servers: [.. Healthy.Servers.Select(s => s.Host == "127.0.0.12" && s.Hostgroup == 10 ? s with { Status = "ONLINE" } : s)]);

    private static ProxySnapshot SessionsOnShunned => With(Captures.Snapshot("writer-back"), pool: [new PoolEntry(10, "127.0.0.12", 3306, "SHUNNED", 4, 0, 9, 0, 500, 300)]);

    private static ProxySnapshot MonitorDenied => With(Healthy, log: [.. Healthy.GaleraLog.Select(c => c with { Error = "Access denied for user 'monitor'@'127.0.0.21' (using password: YES)" })]);

    private static ProxySnapshot SlowWriter => With(Healthy, pool: [.. Healthy.Pool.Select(p => p.Host == "127.0.0.11" && p.Hostgroup == 10 ? p with { LatencyUs = 150_000 } : p)]);

    /// <summary>rule, what proxy1 and proxy2 report (proxy2 null: only one proxy), seconds evaluated, proxy1 silent, fires?</summary>
    public static TheoryData<string, IAlertRule, ProxySnapshot, ProxySnapshot?, int, bool> Cases => new()
    {
        { "no writer: all nodes down", new ProxySQLNoWriter(), Captures.Snapshot("all-down"), Captures.Snapshot("all-down/proxy2"), 6, true },
        { "no writer: for not elapsed", new ProxySQLNoWriter(), Captures.Snapshot("all-down"), null, 3, false },
        { "no writer: healthy", new ProxySQLNoWriter(), Healthy, null, 10, false },
        { "too many writers fires at once", new ProxySQLTooManyWriters(), TwoWriters, null, 0, true },
        { "a SHUNNED surplus writer is normal", new ProxySQLTooManyWriters(), Captures.Snapshot("writer-killed"), null, 5, false },
        { "proxies disagree", new ProxySQLWritersDisagree(), Healthy, Captures.Snapshot("writer-killed/proxy2"), 3, true },
        { "proxies disagree under 2 s is a switch", new ProxySQLWritersDisagree(), Healthy, Captures.Snapshot("writer-killed/proxy2"), 1, false },
        { "proxies agree after a failover", new ProxySQLWritersDisagree(), Captures.Snapshot("writer-killed"), Captures.Snapshot("writer-killed/proxy2"), 5, false },
        { "sessions on the shunned old writer", new ProxySQLSessionsOnShunnedWriter(), SessionsOnShunned, null, 0, true },
        { "no sessions left on old writers", new ProxySQLSessionsOnShunnedWriter(), Captures.Snapshot("writer-killed"), null, 0, false },
        { "monitor user denied everywhere", new ProxySQLMonitorLoginFailing(), MonitorDenied, null, 0, true },
        { "one node unreachable is not a login problem", new ProxySQLMonitorLoginFailing(), Captures.Snapshot("writer-killed"), null, 0, false },
        { "backend offline 5 min", new ProxySQLBackendOffline(), Captures.Snapshot("writer-killed"), null, 301, true },
        { "backend offline 1 min is pending", new ProxySQLBackendOffline(), Captures.Snapshot("writer-killed"), null, 60, false },
        { "galera checks failing", new ProxySQLGaleraCheckFailing(), Captures.Snapshot("writer-killed"), null, 0, true },
        { "galera checks fine", new ProxySQLGaleraCheckFailing(), Healthy, null, 0, false },
        { "slow writer for 1 min", new ProxySQLBackendLatency(), SlowWriter, null, 61, true },
        { "writer latency normal", new ProxySQLBackendLatency(), Healthy, null, 61, false },
        { "proxysql restarted", new ProxySQLRestarted(), With(Healthy, uptime: 12), null, 0, true },
        { "proxysql up for long", new ProxySQLRestarted(), With(Healthy, uptime: 86_400), null, 0, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Proxy_rule_outcome(string name, IAlertRule rule, ProxySnapshot proxy1, ProxySnapshot? proxy2, int seconds, bool fires)
    {
        var active = ImmutableDictionary<string, ActiveAlert>.Empty;
        for (var t = 0; t <= seconds; t++)
        {
            var now = Readings.T0.AddSeconds(t);
            var proxies = new List<ProxyObservation> { new("proxy1", now, TimeSpan.FromSeconds(1), proxy1) };
            if (proxy2 is not null)
            {
                proxies.Add(new ProxyObservation("proxy2", now, TimeSpan.FromSeconds(1), proxy2));
            }

            var context = new AlertContext(ClusterView.Empty("kblab"), now, 3, 3, CounterWindow.Empty, new HashSet<string>(), null, proxies);
            active = AlertTracker.Step(active, rule.Evaluate(context, rule.Defaults), now).Active;
        }

        var firing = active.Values.Where(a => a.Phase == AlertPhase.Firing).ToList();
        Assert.True(fires == (firing.Count > 0), $"{name}: {string.Join("; ", active.Values.Select(a => $"{a.Condition.Summary} {a.Phase}"))}");
        Assert.All(firing, a => Assert.False(string.IsNullOrWhiteSpace(a.Condition.Description)));
    }

    [Fact]
    public void A_silent_proxy_agent_fires_after_10_seconds()
    {
        var rule = new ProxySQLAgentNoData();
        AlertContext At(double seconds) => new(ClusterView.Empty("kblab"), Readings.T0.AddSeconds(seconds), 3, 3, CounterWindow.Empty, new HashSet<string>(), null,
            [new ProxyObservation("proxy1", Readings.T0, TimeSpan.FromSeconds(1), Healthy)]);

        Assert.Empty(rule.Evaluate(At(9), rule.Defaults));
        Assert.Equal("proxy1", Assert.Single(rule.Evaluate(At(11), rule.Defaults)).Node);
    }
}
