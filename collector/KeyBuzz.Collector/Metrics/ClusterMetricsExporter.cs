using KeyBuzz.Collector.Alerts;
using KeyBuzz.Collector.Core.Alerts;
using KeyBuzz.Collector.Ingest;
using Prometheus;

namespace KeyBuzz.Collector.Metrics;

/// <summary>
/// Before each scrape, copies the live view and the firing alerts into prometheus-net series. Series
/// of nodes or alerts that are gone are removed, so a resolved alert stops being exported.
/// Counters mirror the server's own counters; when a server restarts (its counter goes down) the
/// series is recreated so Prometheus sees a reset.
/// </summary>
internal sealed class ClusterMetricsExporter
{
    private static readonly string[] NodeLabels = ["cluster", "node"];
    private readonly ClusterViewStore _views;
    private readonly Sessions.AgentSessions _sessions;
    private readonly CollectorMetrics _metrics;
    private readonly AlertBoard _alerts;
    private readonly TimeProvider _time;
    private readonly List<(NodeGauge Definition, Collector<Gauge.Child>? Gauge, Collector<Counter.Child>? Counter)> _series = [];
    private readonly Gauge _alertFiring;

    public ClusterMetricsExporter(CollectorMetrics metrics, ClusterViewStore views, Sessions.AgentSessions sessions, AlertBoard alerts, TimeProvider time)
    {
        _views = views;
        _sessions = sessions;
        _metrics = metrics;
        _alerts = alerts;
        _time = time;
        foreach (var definition in NodeGauges.All)
        {
            _series.Add(definition.IsCounter
                ? (definition, null, metrics.Factory.CreateCounter(definition.Name, definition.Help, NodeLabels))
                : (definition, metrics.Factory.CreateGauge(definition.Name, definition.Help, NodeLabels), null));
        }

        _alertFiring = metrics.Factory.CreateGauge("keybuzz_alert_firing", "1 for every alert firing now.", ["alertname", "cluster", "node", "severity"]);
        metrics.Registry.AddBeforeCollectCallback(Update);
    }

    private void Update()
    {
        var now = _time.GetUtcNow();
        _metrics.AgentStreams.Set(_sessions.Count);
        var present = new HashSet<(string, string)>();
        foreach (var view in _views.Snapshot().Values)
        {
            foreach (var node in view.Nodes.Values)
            {
                present.Add((view.Name, node.Node));
                foreach (var (definition, gauge, counter) in _series)
                {
                    var value = definition.Read(node, now);
                    if (gauge is not null)
                    {
                        if (value is { } v)
                        {
                            gauge.WithLabels(view.Name, node.Node).Set(v);
                        }
                        else
                        {
                            gauge.RemoveLabelled(view.Name, node.Node);
                        }
                    }
                    else if (counter is not null && value is { } total)
                    {
                        var child = counter.WithLabels(view.Name, node.Node);
                        if (total < child.Value)
                        {
                            counter.RemoveLabelled(view.Name, node.Node);
                            child = counter.WithLabels(view.Name, node.Node);
                        }

                        child.IncTo(total);
                    }
                }
            }
        }

        foreach (var (_, gauge, counter) in _series)
        {
            var labelled = (IEnumerable<string[]>?)gauge?.GetAllLabelValues() ?? counter!.GetAllLabelValues();
            foreach (var labels in labelled.Where(l => !present.Contains((l[0], l[1]))).ToList())
            {
                if (gauge is not null)
                {
                    gauge.RemoveLabelled(labels);
                }
                else
                {
                    counter!.RemoveLabelled(labels);
                }
            }
        }

        var firing = _alerts.Active.Values.Where(a => a.Phase == AlertPhase.Firing).Select(a => a.Condition)
            .Select(c => new[] { c.Name, c.Cluster, c.Node, c.SeverityLabel }).ToList();
        foreach (var labels in _alertFiring.GetAllLabelValues().Where(l => !firing.Any(f => f.SequenceEqual(l))).ToList())
        {
            _alertFiring.RemoveLabelled(labels);
        }

        foreach (var labels in firing)
        {
            _alertFiring.WithLabels(labels).Set(1);
        }
    }
}
