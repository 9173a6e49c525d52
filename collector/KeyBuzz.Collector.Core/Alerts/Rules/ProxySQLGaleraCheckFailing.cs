namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>The last 3 Galera checks of a backend failed (mysql-monitor_galera_healthcheck_max_timeout_count).</summary>
public sealed class ProxySQLGaleraCheckFailing : AlertRule
{
    public override string Name => nameof(ProxySQLGaleraCheckFailing);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero, Threshold: 3);

    public override string ThresholdHelp => "consecutive failed checks";

    protected override (double Min, double Max) ThresholdRange => (0, 100);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var proxy in context.ReportingProxies)
        {
            foreach (var checks in proxy.Snapshot.GaleraLog.GroupBy(c => c.Endpoint, StringComparer.Ordinal))
            {
                var needed = Math.Max(1, (int)settings.Threshold);
                var last = checks.OrderByDescending(c => c.TimeStartUs).Take(needed).ToList();
                if (last.Count == needed && last.All(c => c.Error is not null))
                {
                    yield return Alert(context, proxy.Proxy, AlertSeverity.Warning, settings.For,
                        $"{proxy.Proxy}: the last {last.Count} Galera checks of {checks.Key} failed",
                        $"ProxySQL {proxy.Proxy} cannot check {checks.Key}: {last[0].Error}. It takes the node offline; check the node and the network from the proxy to it.");
                }
            }
        }
    }
}
