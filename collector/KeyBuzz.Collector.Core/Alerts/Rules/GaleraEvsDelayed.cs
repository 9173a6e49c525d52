namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>wsrep_evs_delayed lists peers that answer late: an early sign of a flaky link.</summary>
public sealed class GaleraEvsDelayed : AlertRule
{
    public override string Name => nameof(GaleraEvsDelayed);

    public override RuleSettings Defaults => new(true, TimeSpan.FromMinutes(1));

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var node in context.LiveNodes)
        {
            if (node.Latest.Text("wsrep_evs_delayed") is { Length: > 0 } delayed)
            {
                yield return Alert(context, node.Node, AlertSeverity.Warning, settings.For,
                    $"{node.Node}: peers answer late ({delayed})",
                    $"Galera on {node.Node} sees delayed peers: {delayed}. Check packet loss and latency on the link between these nodes before it turns into evictions.");
            }
        }
    }
}
