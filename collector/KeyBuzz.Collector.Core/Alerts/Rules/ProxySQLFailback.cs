namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>The writer went back to a node it had left within 30 minutes: ProxySQL's automatic failback (#4098).</summary>
public sealed class ProxySQLFailback : AlertRule
{
    public override string Name => nameof(ProxySQLFailback);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero, Threshold: 30);

    public override string ThresholdHelp => "minutes between leaving a writer and returning to it";

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var proxy in context.ReportingProxies)
        {
            var changes = context.ProxyTimeline.WriterChanges(proxy.Proxy, TimeSpan.FromMinutes(settings.Threshold), context.Now);
            var last = changes.LastOrDefault();
            if (last?.To is { } back && changes.Take(changes.Count - 1).Any(c => c.From == back))
            {
                yield return Alert(context, proxy.Proxy, AlertSeverity.Warning, settings.For,
                    $"{proxy.Proxy}: writer failed back to {back}",
                    $"ProxySQL {proxy.Proxy} gave the writer role back to {back} after it rejoined (higher weight). Sessions pinned to the interim writer keep writing there, and the two proxies may switch at different moments. See the failback option of `kbctl proxysql config` (docs/proxysql.md).");
            }
        }
    }
}
