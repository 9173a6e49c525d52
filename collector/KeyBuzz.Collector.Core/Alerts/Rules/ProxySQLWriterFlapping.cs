namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>Threshold (3) or more writer changes in 10 minutes on one ProxySQL node.</summary>
public sealed class ProxySQLWriterFlapping : AlertRule
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public override string Name => nameof(ProxySQLWriterFlapping);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero, Threshold: 3);

    public override string ThresholdHelp => "writer changes in 10 minutes";

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var proxy in context.ReportingProxies)
        {
            var changes = context.ProxyTimeline.WriterChanges(proxy.Proxy, Window, context.Now);
            if (changes.Count >= Math.Max(1, settings.Threshold))
            {
                yield return Alert(context, proxy.Proxy, AlertSeverity.Warning, settings.For,
                    $"{proxy.Proxy}: {changes.Count} writer changes in 10 min",
                    $"The writer of ProxySQL {proxy.Proxy} keeps moving ({string.Join(", ", changes.Select(c => $"{c.At:HH:mm:ss} {c.From ?? "none"}→{c.To ?? "none"}"))}). Each move breaks transactions. Look for a flapping node (network, load) and consider the no-failback option.");
            }
        }
    }
}
