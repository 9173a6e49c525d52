using KeyBuzz.Collector.Alerts;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.Tuning;
using KeyBuzz.Collector.Core.View;
using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Ingest;
using KeyBuzz.Collector.Options;
using KeyBuzz.Collector.Recovery;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Tuning;

/// <summary>The live facts a disruptive operation is gated on, read from the cluster view, maintenance, rounds and alerts.</summary>
internal sealed class ClusterHealth(
    ClusterViewStore views,
    HistoryStore history,
    MaintenanceStore maintenance,
    RoundStore rounds,
    AlertBoard alerts,
    IOptions<AlertOptions> alertOptions,
    IOptions<CollectorOptions> options,
    TimeProvider time)
{
    public ClusterView? View(string cluster) => views.Snapshot().TryGetValue(cluster, out var view) ? view : null;

    public IReadOnlyList<NodeHealth> Nodes(string cluster)
    {
        var now = time.GetUtcNow();
        return View(cluster) is not { } view ? [] : [.. view.Nodes.Values.Select(n =>
        {
            var assessment = NodeAssessor.Assess(n, now, options.Value.NotReportingAfterMissedIntervals);
            var r = n.Latest;
            return new NodeHealth(n.Node, assessment.Reporting, maintenance.IsOn(cluster, n.Node), r.MariadbRunning,
                r.Text(WsrepStatus.ClusterStatus) ?? string.Empty, r.Text(WsrepStatus.LocalStateComment) ?? string.Empty,
                r.Long(WsrepStatus.ClusterSize) ?? 0, r.SampledAt);
        })];
    }

    public int ExpectedSize(string cluster) =>
        alertOptions.Value.ExpectedClusterSize.TryGetValue(cluster, out var configured)
            ? configured
            : Math.Max(history.KnownNodes().Count(k => k.Cluster == cluster), View(cluster)?.Nodes.Count ?? 0);

    /// <summary>Null when one node may be taken away now; otherwise why not.</summary>
    public string? Refusal(string cluster, bool crash = false)
    {
        var critical = alerts.Listing(cluster)
            .Where(a => a.Phase == Core.Alerts.AlertPhase.Firing && a.Condition.SeverityLabel == "critical")
            .Select(a => a.Condition.Node.Length > 0 ? $"{a.Condition.Name} ({a.Condition.Node})" : a.Condition.Name)
            .ToList();
        return DisruptionGate.Refusal(Nodes(cluster), ExpectedSize(cluster), rounds.Active(cluster) is not null, critical, crash);
    }
}
