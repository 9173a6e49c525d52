using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>Primary nodes disagree on the cluster state UUID or configuration id: two clusters where there should be one.</summary>
public sealed class GaleraSplitView : AlertRule
{
    public override string Name => nameof(GaleraSplitView);

    /// <summary>Views change on every membership change and nodes are sampled a moment apart: a few seconds of disagreement is normal.</summary>
    public override RuleSettings Defaults => new(true, TimeSpan.FromSeconds(5));

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var views = context.LiveNodes
            .Where(n => n.Latest.Text(WsrepStatus.ClusterStatus) == WsrepStatus.Primary)
            .GroupBy(n => $"{n.Latest.Text(WsrepStatus.ClusterStateUuid)} conf {n.Latest.Text(WsrepStatus.ClusterConfId)}", StringComparer.Ordinal)
            .ToList();
        if (views.Count < 2)
        {
            yield break;
        }

        var detail = string.Join("; ", views.Select(v => $"{string.Join(",", v.Select(n => n.Node))}: {v.Key}"));
        yield return Alert(context, string.Empty, AlertSeverity.Critical, settings.For,
            $"cluster {context.Cluster}: Primary nodes disagree on the cluster view",
            $"More than one Primary view exists ({detail}). If the state UUIDs differ, a node was bootstrapped while the cluster was running: two clusters accept writes. Stop writes through the proxies to the smaller side and call a DBA; do not restart anything before the data is compared.");
    }
}
