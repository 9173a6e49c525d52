using KeyBuzz.Collector.Core.Alerts;
using KeyBuzz.Collector.Core.Alerts.Rules;

namespace KeyBuzz.Collector.Core.Tests.Alerts;

public sealed class RuleTests
{
    private static Dictionary<string, string> S(params (string Name, object Value)[] values) =>
        values.ToDictionary(v => v.Name, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)!, StringComparer.Ordinal);

    private static Timeline SilentFrom(int second) => Timeline.Healthy.Named($"node3 silent from {second}s").Node("node3", t => t < second ? Timeline.Reading("node3", t, []) : null);

    private static Timeline DownBetween(int from, int until) => Timeline.Healthy.Named($"node3 down {from}-{until}s")
        .Node("node3", t => t >= from && t < until ? Timeline.Reading("node3", t, [], running: false, sql: false) : Timeline.Reading("node3", t, []))
        .Status("node1", from, _ => S(("wsrep_cluster_size", 2)), until + 2)
        .Status("node2", from, _ => S(("wsrep_cluster_size", 2)), until + 2);

    private static Timeline Node3(string name, int from, Func<int, Dictionary<string, string>> status, int until = int.MaxValue) =>
        Timeline.Healthy.Named(name).Status("node3", from, status, until);

    private static Timeline Variables(string name, string node, Dictionary<string, string> variables, Func<int, Dictionary<string, string>> status) =>
        Timeline.Healthy.Named(name).Node(node, t => Timeline.Reading(node, t, status(t), variables: variables));

    public static TheoryData<string, IAlertRule, Timeline, int, Outcome, string?> Cases => new()
    {
        { "no data: healthy does not fire", new GaleraAgentNoData(), Timeline.Healthy, 20, Outcome.None, null },
        { "no data: silent agent fires after 3 missed intervals", new GaleraAgentNoData(), SilentFrom(5), 12, Outcome.Firing, "critical" },
        { "no data: a known node silent since the collector started", new GaleraAgentNoData(), Timeline.Healthy.Named("node3 never seen").NeverSeen("node3"), 1, Outcome.Firing, "critical" },
        { "no data: 2 missed intervals is not yet an alert", new GaleraAgentNoData(), SilentFrom(5), 7, Outcome.None, null },

        { "down: fires after 10s", new MariaDBDown(), DownBetween(2, 100), 15, Outcome.Firing, "critical" },
        { "down: for not yet elapsed", new MariaDBDown(), DownBetween(2, 100), 8, Outcome.Pending, null },
        { "down: resolves when back", new MariaDBDown(), DownBetween(2, 15), 20, Outcome.Resolved, null },

        { "non-Primary fires", new GaleraNonPrimary(), Node3("node3 non-Primary", 2, _ => S(("wsrep_cluster_status", "non-Primary"))), 15, Outcome.Firing, "critical" },
        { "non-Primary for not elapsed", new GaleraNonPrimary(), Node3("node3 non-Primary", 2, _ => S(("wsrep_cluster_status", "non-Primary"))), 8, Outcome.Pending, null },
        { "non-Primary resolves", new GaleraNonPrimary(), Node3("node3 non-Primary 2-15", 2, _ => S(("wsrep_cluster_status", "non-Primary")), 15), 20, Outcome.Resolved, null },

        { "not ready fires after 30s", new GaleraNotReady(), Node3("node3 wsrep_ready OFF", 1, _ => S(("wsrep_ready", "OFF"))), 35, Outcome.Firing, "critical" },
        { "not ready: healthy", new GaleraNotReady(), Timeline.Healthy, 35, Outcome.None, null },

        { "not synced: warning after 2m", new GaleraNotSynced(), Node3("node3 Joined", 1, _ => S(("wsrep_local_state_comment", "Initialized"))), 125, Outcome.Firing, "warning" },
        { "not synced: critical after 5m", new GaleraNotSynced(), Node3("node3 Joined", 1, _ => S(("wsrep_local_state_comment", "Initialized"))), 305, Outcome.Firing, "critical" },
        { "not synced: 1m is pending", new GaleraNotSynced(), Node3("node3 Joined", 1, _ => S(("wsrep_local_state_comment", "Initialized"))), 60, Outcome.Pending, null },
        { "not synced: donor for 3m is normal", new GaleraNotSynced(), Node3("node3 Donor", 1, _ => S(("wsrep_local_state_comment", "Donor/Desynced"))), 180, Outcome.Pending, null },
        { "not synced: desync on purpose", new GaleraNotSynced(), Variables("node3 desynced", "node3", new() { ["wsrep_desync"] = "ON" }, _ => S(("wsrep_local_state_comment", "Donor/Desynced"))), 400, Outcome.Pending, null },

        { "shrunk: fires after 20s", new GaleraClusterShrunk(), DownBetween(1, 100), 25, Outcome.Firing, "warning" },
        { "shrunk: 10s is pending", new GaleraClusterShrunk(), DownBetween(1, 100), 10, Outcome.Pending, null },
        { "shrunk: resolves after rejoin", new GaleraClusterShrunk(), DownBetween(1, 25), 30, Outcome.Resolved, null },
        { "shrunk: one node left is critical", new GaleraClusterShrunk(), Timeline.Healthy.Named("size 1").Status("node1", 1, _ => S(("wsrep_cluster_size", 1))).Node("node2", _ => null).Node("node3", _ => null), 25, Outcome.Firing, "critical" },

        { "split view fires", new GaleraSplitView(), Node3("node3 other uuid", 1, _ => S(("wsrep_cluster_state_uuid", "uuid-b"))), 10, Outcome.Firing, "critical" },
        { "split view for not elapsed", new GaleraSplitView(), Node3("node3 other uuid", 1, _ => S(("wsrep_cluster_state_uuid", "uuid-b"))), 3, Outcome.Pending, null },
        { "split view: healthy", new GaleraSplitView(), Timeline.Healthy, 10, Outcome.None, null },

        { "flow control 50%: warning", new GaleraFlowControlPaused(), Node3("node3 paused 50%", 0, t => S(("wsrep_flow_control_paused_ns", 500_000_000L * t))), 10, Outcome.Firing, "warning" },
        { "flow control 80%: critical", new GaleraFlowControlPaused(), Node3("node3 paused 80%", 0, t => S(("wsrep_flow_control_paused_ns", 800_000_000L * t))), 10, Outcome.Firing, "critical" },
        { "flow control 5%: nothing", new GaleraFlowControlPaused(), Node3("node3 paused 5%", 0, t => S(("wsrep_flow_control_paused_ns", 50_000_000L * t))), 70, Outcome.None, null },
        { "flow control resolves after the burst", new GaleraFlowControlPaused(), Node3("node3 paused 0-20s", 0, t => S(("wsrep_flow_control_paused_ns", 500_000_000L * Math.Min(t, 20)))), 400, Outcome.Resolved, null },

        { "recv queue: warning after 2m", new GaleraRecvQueueHigh(), Node3("node3 queue 200", 1, _ => S(("wsrep_local_recv_queue", 200))), 125, Outcome.Firing, "warning" },
        { "recv queue: 50 is fine", new GaleraRecvQueueHigh(), Node3("node3 queue 50", 1, _ => S(("wsrep_local_recv_queue", 50))), 125, Outcome.None, null },
        { "send queue: warning after 2m", new GaleraSendQueueHigh(), Node3("node3 send queue 150", 1, _ => S(("wsrep_local_send_queue", 150))), 125, Outcome.Firing, "warning" },

        { "cert failures fire", new GaleraCertFailures(), Node3("node3 cert failure at 10s", 10, _ => S(("wsrep_local_cert_failures", 1))), 12, Outcome.Firing, "warning" },
        { "cert failures resolve after 5 min", new GaleraCertFailures(), Node3("node3 cert failure at 10s", 10, _ => S(("wsrep_local_cert_failures", 1))), 330, Outcome.Resolved, null },

        { "multiple writers fire", new GaleraMultipleWriters(), Node3("node3 writes too", 0, t => S(("wsrep_replicated", t))), 20, Outcome.Firing, "critical" },
        { "multiple writers: for not elapsed", new GaleraMultipleWriters(), Node3("node3 writes too", 0, t => S(("wsrep_replicated", t))), 8, Outcome.Pending, null },
        { "writer failover is not multiple writers", new GaleraMultipleWriters(), Timeline.Healthy.Named("writes move node1 -> node3 at 20s").Status("node1", 20, _ => S(("wsrep_replicated", 1200L))).Status("node3", 20, t => S(("wsrep_replicated", t - 20))), 40, Outcome.None, null },
        { "one writer is fine", new GaleraMultipleWriters(), Timeline.Healthy, 70, Outcome.None, null },
        { "a writer in maintenance is left out", new GaleraMultipleWriters(), Node3("node3 writes, in maintenance", 0, t => S(("wsrep_replicated", t))).Maintenance("node3"), 10, Outcome.None, null },
        { "multiple writers resolve after", new GaleraMultipleWriters(), Node3("node3 writes 0-30s", 0, t => S(("wsrep_replicated", Math.Min(t, 30)))), 80, Outcome.Resolved, null },

        { "evs delayed: warning after 1m", new GaleraEvsDelayed(), Node3("node3 delayed peer", 1, _ => S(("wsrep_evs_delayed", "6a3f-tcp://127.0.0.2:4567:1"))), 65, Outcome.Firing, "warning" },
        { "evs delayed: 30s is pending", new GaleraEvsDelayed(), Node3("node3 delayed peer", 1, _ => S(("wsrep_evs_delayed", "6a3f-tcp://127.0.0.2:4567:1"))), 30, Outcome.Pending, null },

        { "gcache window short: info", new GaleraGcacheWindowShort(), Variables("1M gcache, 100 KB/s", "node1", new() { ["wsrep_provider_options"] = "gcache.dir = /x; gcache.size = 1M; gcs.fc_limit = 16" }, t => S(("wsrep_replicated_bytes", 100_000L * t))), 310, Outcome.Firing, "info" },
        { "gcache window long enough", new GaleraGcacheWindowShort(), Variables("10G gcache, 100 KB/s", "node1", new() { ["wsrep_provider_options"] = "gcache.size = 10G" }, t => S(("wsrep_replicated_bytes", 100_000L * t))), 310, Outcome.None, null },

        { "connections high: warning after 2m", new MariaDBConnectionsHigh(), Node3("node3 90 of 100", 1, _ => S(("threads_connected", 90))), 125, Outcome.Firing, "warning" },
        { "connections normal", new MariaDBConnectionsHigh(), Timeline.Healthy, 125, Outcome.None, null },

        { "restart: info", new MariaDBRestarted(), Node3("node3 uptime 10s", 1, t => S(("uptime", 10 + t)), 20), 5, Outcome.Firing, "info" },
        { "restart: resolves after 60s uptime", new MariaDBRestarted(), Node3("node3 restarted", 1, t => S(("uptime", t))), 70, Outcome.Resolved, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Rule_outcome(string name, IAlertRule rule, Timeline timeline, int seconds, Outcome expected, string? severity)
    {
        var (active, transitions) = timeline.Run(rule, seconds);

        var firing = active.Where(a => a.Phase == AlertPhase.Firing).ToList();
        var actual = firing.Count > 0 ? Outcome.Firing
            : active.Count > 0 ? Outcome.Pending
            : transitions.Any(t => t.Phase == AlertPhase.Resolved) ? Outcome.Resolved
            : Outcome.None;
        Assert.True(expected == actual, $"{name}: expected {expected}, got {actual} ({string.Join("; ", active.Select(a => $"{a.Condition.Key} {a.Phase}"))})");
        if (severity is not null)
        {
            Assert.Contains(firing, a => a.Condition.SeverityLabel == severity);
        }

        Assert.All(active, a => Assert.False(string.IsNullOrWhiteSpace(a.Condition.Description), name));
    }

    [Fact]
    public void Every_rule_has_valid_defaults_and_a_unique_name()
    {
        Assert.All(RuleCatalog.All, r => Assert.Null(r.Validate(r.Defaults)));
        Assert.Equal(RuleCatalog.All.Count, RuleCatalog.All.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count());
    }

    public static TheoryData<string, IAlertRule, RuleSettings, string> InvalidSettings => new()
    {
        { "negative for", new GaleraNonPrimary(), new RuleSettings(true, TimeSpan.FromSeconds(-1)), "ForSeconds" },
        { "for over a day", new GaleraNonPrimary(), new RuleSettings(true, TimeSpan.FromDays(2)), "ForSeconds" },
        { "percent over 100", new GaleraFlowControlPaused(), new RuleSettings(true, TimeSpan.Zero, 150, TimeSpan.Zero, 50), "percent of time paused" },
        { "negative queue", new GaleraRecvQueueHigh(), new RuleSettings(true, TimeSpan.Zero, -5), "between 0" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Invalid_settings_are_named(string name, IAlertRule rule, RuleSettings settings, string expected)
    {
        var problem = rule.Validate(settings);
        Assert.True(problem?.Contains(expected, StringComparison.Ordinal) == true, $"{name}: {problem}");
    }
}
