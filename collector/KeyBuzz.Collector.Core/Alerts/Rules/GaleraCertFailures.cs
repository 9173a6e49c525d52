namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>Certification failures in the last 5 minutes: with a single writer there should be none.</summary>
public sealed class GaleraCertFailures : AlertRule
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public override string Name => nameof(GaleraCertFailures);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var node in context.LiveNodes)
        {
            if (context.Increase(node, "wsrep_local_cert_failures", Window) is { Increase: > 0 } failures)
            {
                yield return Alert(context, node.Node, AlertSeverity.Warning, settings.For,
                    $"{node.Node}: {Number(failures.Increase)} certification failures in 5 min",
                    $"Transactions on {node.Node} conflicted with write-sets from another node. With one writer this does not happen: check GaleraMultipleWriters and the ProxySQL writer hostgroup, and any job that writes to a node directly.");
            }
        }
    }
}
