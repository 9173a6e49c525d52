namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>A ProxySQL node switched writer in the last minute (with why the old writer was moved).</summary>
public sealed class ProxySQLWriterChanged : AlertRule
{
    public override string Name => nameof(ProxySQLWriterChanged);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero, Threshold: 60);

    public override string ThresholdHelp => "seconds the alert stays after a change";

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var proxy in context.ReportingProxies)
        {
            if (context.ProxyTimeline.WriterChanges(proxy.Proxy, TimeSpan.FromSeconds(settings.Threshold), context.Now).LastOrDefault() is not { } change)
            {
                continue;
            }

            var why = change.From is { } old && proxy.Routing.Backends.FirstOrDefault(b => b.Endpoint == old) is { } route ? $" {old} is now {route.Role}: {route.Reason}." : string.Empty;
            yield return Alert(context, proxy.Proxy, AlertSeverity.Warning, settings.For,
                $"{proxy.Proxy}: writer changed {change.From ?? "none"} → {change.To ?? "none"}",
                $"ProxySQL {proxy.Proxy} switched its writer at {change.At:HH:mm:ss} UTC.{why} Check that the other ProxySQL node switched too (ProxySQLWritersDisagree).");
        }
    }
}
