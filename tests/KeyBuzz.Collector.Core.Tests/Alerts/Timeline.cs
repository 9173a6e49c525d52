using System.Collections.Immutable;
using System.Globalization;
using KeyBuzz.Collector.Core.Alerts;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Core.Tests.Alerts;

/// <summary>
/// A 3-node cluster sampled once a second: every node healthy and Synced, node1 the writer, unless a
/// test changes what a node reports at second t (null: its agent is silent).
/// </summary>
public sealed class Timeline
{
    private readonly Dictionary<string, Func<int, NodeReading?>> _nodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _maintenance = new(StringComparer.Ordinal);
    private readonly List<string> _neverSeen = [];

    public Timeline()
    {
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            _nodes[node] = t => Reading(node, t, []);
        }
    }

    public static Timeline Healthy => new();

    public string Name { get; private set; } = "healthy";

    public Timeline Node(string node, Func<int, NodeReading?> reading)
    {
        _nodes[node] = reading;
        return this;
    }

    /// <summary>From second <paramref name="from"/> (until <paramref name="until"/>) the node reports these status values on top of the healthy ones.</summary>
    public Timeline Status(string node, int from, Func<int, Dictionary<string, string>> overrides, int until = int.MaxValue)
    {
        _nodes[node] = t => Reading(node, t, t >= from && t < until ? overrides(t) : []);
        return this;
    }

    public Timeline Maintenance(string node)
    {
        _maintenance.Add(node);
        return this;
    }

    /// <summary>The node reported before the collector started, and has not since.</summary>
    public Timeline NeverSeen(string node)
    {
        _nodes.Remove(node);
        _neverSeen.Add(node);
        return this;
    }

    public Timeline Named(string name)
    {
        Name = name;
        return this;
    }

    public override string ToString() => Name;

    public static NodeReading Reading(string node, int t, Dictionary<string, string> overrides, bool running = true, bool sql = true, Dictionary<string, string>? variables = null)
    {
        var status = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["wsrep_cluster_status"] = "Primary",
            ["wsrep_local_state_comment"] = "Synced",
            ["wsrep_cluster_size"] = "3",
            ["wsrep_cluster_conf_id"] = "7",
            ["wsrep_cluster_state_uuid"] = "uuid-a",
            ["wsrep_ready"] = "ON",
            ["wsrep_local_recv_queue"] = "0",
            ["wsrep_local_send_queue"] = "0",
            ["wsrep_flow_control_paused_ns"] = "0",
            ["wsrep_local_cert_failures"] = "0",
            ["wsrep_replicated"] = Count(node == "node1" ? 1000 + (10 * t) : 0),
            ["wsrep_evs_delayed"] = string.Empty,
            ["uptime"] = Count(100_000 + t),
            ["threads_connected"] = "10",
        };
        foreach (var (name, value) in overrides)
        {
            status[name] = value;
        }

        var vars = variables ?? new Dictionary<string, string> { ["wsrep_desync"] = "OFF", ["max_connections"] = "100" };
        return new NodeReading("inst-" + node, (ulong)t + 1, Readings.T0.AddSeconds(t), 0, running, sql, status, vars, null, []);
    }

    public static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Evaluates the rule every second from 0 to <paramref name="seconds"/>; returns the alerts of this rule active at the end and every transition.</summary>
    public (IReadOnlyList<ActiveAlert> Active, IReadOnlyList<AlertTransition> Transitions) Run(IAlertRule rule, int seconds, RuleSettings? settings = null, int expectedSize = 3)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var view = ClusterView.Empty("kblab");
        var window = CounterWindow.Empty;
        var active = ImmutableDictionary<string, ActiveAlert>.Empty;
        var transitions = new List<AlertTransition>();
        for (var t = 0; t <= seconds; t++)
        {
            var now = Readings.T0.AddSeconds(t);
            foreach (var (node, produce) in _nodes)
            {
                if (produce(t) is { } reading)
                {
                    view = ClusterViewReducer.Apply(view, node, Readings.Agent, reading, now);
                    window = window.Add("kblab", node, reading);
                }
            }

            var context = new AlertContext(view, now, expectedSize, 3, window, _maintenance, _neverSeen);
            var step = AlertTracker.Step(active, rule.Evaluate(context, settings ?? rule.Defaults), now);
            active = step.Active;
            transitions.AddRange(step.Transitions);
        }

        return (active.Values.ToList(), transitions);
    }
}
