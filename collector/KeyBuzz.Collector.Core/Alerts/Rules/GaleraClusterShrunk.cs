using System.Globalization;
using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>
/// The Primary component has fewer nodes than expected: warning; critical when one more loss
/// would cost quorum (size ≤ expected/2).
/// </summary>
public sealed class GaleraClusterShrunk : AlertRule
{
    public override string Name => nameof(GaleraClusterShrunk);

    public override RuleSettings Defaults => new(true, TimeSpan.FromSeconds(20), CriticalFor: TimeSpan.FromSeconds(20));

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var sizes = context.LiveNodes
            .Where(n => n.Latest.Text(WsrepStatus.ClusterStatus) == WsrepStatus.Primary)
            .Select(n => n.Latest.Long(WsrepStatus.ClusterSize))
            .OfType<long>()
            .ToList();
        if (sizes.Count == 0 || context.ExpectedSize <= 1)
        {
            yield break; // no Primary component at all is GaleraNonPrimary's and GaleraAgentNoData's business
        }

        var size = sizes.Max();
        if (size >= context.ExpectedSize)
        {
            yield break;
        }

        var missing = string.Join(", ", context.WatchedNodes.Where(n => !IsInPrimary(context, n)).Select(n => n.Node));
        var who = missing.Length > 0 ? $" Not in it: {missing}." : string.Empty;
        var summary = string.Create(CultureInfo.InvariantCulture, $"cluster {context.Cluster}: {size} of {context.ExpectedSize} nodes in the Primary component");
        var description = $"The Primary component has {size} node(s), {context.ExpectedSize} expected.{who} Check those nodes in `kbctl status`; the agents rejoin crashed nodes when it is safe.";
        yield return Alert(context, string.Empty, AlertSeverity.Warning, settings.For, summary, description);
        if (size <= context.ExpectedSize / 2)
        {
            yield return Alert(context, string.Empty, AlertSeverity.Critical, settings.CriticalFor, summary,
                description + " One more node lost and the cluster loses quorum: avoid any maintenance on the remaining nodes.");
        }
    }

    private static bool IsInPrimary(AlertContext context, View.NodeState node) =>
        context.IsReporting(node) && node.Latest.SqlReachable && node.Latest.Text(WsrepStatus.ClusterStatus) == WsrepStatus.Primary;
}
