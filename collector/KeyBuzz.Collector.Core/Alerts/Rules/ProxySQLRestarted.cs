namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>ProxySQL_Uptime below Threshold seconds.</summary>
public sealed class ProxySQLRestarted : AlertRule
{
    public override string Name => nameof(ProxySQLRestarted);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero, Threshold: 60);

    public override string ThresholdHelp => "seconds of uptime";

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var proxy in context.ReportingProxies)
        {
            if (proxy.Snapshot.Global.TryGetValue("ProxySQL_Uptime", out var uptime) && uptime < settings.Threshold)
            {
                yield return Alert(context, proxy.Proxy, AlertSeverity.Info, settings.For,
                    $"{proxy.Proxy}: ProxySQL restarted {uptime}s ago",
                    $"ProxySQL on {proxy.Proxy} started {uptime}s ago. If nobody restarted it, check its log (/var/lib/proxysql/proxysql.log) for a crash.");
            }
        }
    }
}
