using System.Collections.Immutable;
using KeyBuzz.Collector.Core.Alerts;
using KeyBuzz.Collector.Core.Alerts.Rules;
using KeyBuzz.Collector.Core.ProxySql;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Core.Tests.ProxySql;

public sealed class ProxyConfigDriftTests
{
    private static readonly Dictionary<string, string> AppliedHostgroups = new()
    {
        ["writer_hostgroup"] = "10", ["backup_writer_hostgroup"] = "20", ["reader_hostgroup"] = "30", ["offline_hostgroup"] = "9999",
        ["active"] = "1", ["max_writers"] = "1", ["writer_is_also_reader"] = "0", ["max_transactions_behind"] = "256",
    };

    private static DesiredProxyConfig Applied(string interval = "1000", string maxBehind = "256") => new(
        new Dictionary<string, string> { ["mysql-monitor_galera_healthcheck_interval"] = interval, ["mysql-monitor_ping_interval"] = "2000", ["admin-cluster_check_interval_ms"] = "1000" },
        new Dictionary<string, string>(AppliedHostgroups) { ["max_transactions_behind"] = maxBehind },
        Readings.T0);

    private static readonly Dictionary<string, DesiredProxyConfig?> Desired = new()
    {
        ["what the captured proxy runs"] = Applied(),
        ["interval changed by hand"] = Applied(interval: "2000"),
        ["hostgroups changed"] = Applied(maxBehind: "100"),
        ["nothing applied through kbctl"] = null,
    };

    public static TheoryData<string, int, bool, bool> Cases => new()
    {
        { "what the captured proxy runs", 70, false, false },
        { "interval changed by hand", 70, false, true },
        { "interval changed by hand", 30, false, false },
        { "hostgroups changed", 70, false, true },
        { "nothing applied through kbctl", 70, false, false },
        { "interval changed by hand", 70, true, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Drift_from_the_applied_config_is_a_warning_after_a_minute(string name, int seconds, bool inMaintenance, bool fires)
    {
        var rule = new ProxySQLConfigDrift();
        var active = ImmutableDictionary<string, ActiveAlert>.Empty;
        for (var t = 0; t <= seconds; t++)
        {
            var now = Readings.T0.AddSeconds(t);
            var context = new AlertContext(ClusterView.Empty("kblab"), now, 3, 3, CounterWindow.Empty, inMaintenance ? new HashSet<string> { "proxy1" } : new HashSet<string>(), null,
                [new ProxyObservation("proxy1", now, TimeSpan.FromSeconds(1), Captures.Snapshot("healthy"))], null, Desired[name]);
            active = AlertTracker.Step(active, rule.Evaluate(context, rule.Defaults), now).Active;
        }

        var firing = active.Values.Where(a => a.Phase == AlertPhase.Firing).ToList();
        Assert.True(fires == (firing.Count > 0), name);
        Assert.All(firing, a => Assert.Equal(AlertSeverity.Warning, a.Condition.Severity));
    }

    [Fact]
    public void Drift_names_each_setting_with_live_and_applied_values() =>
        Assert.Equal(
            ["mysql-monitor_galera_healthcheck_interval: 1000 -> 2000", "galera hostgroups max_transactions_behind: 256 -> 100"],
            Applied(interval: "2000", maxBehind: "100").Drift(Captures.Snapshot("healthy")));
}
