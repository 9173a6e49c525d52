namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>The ProxySQL monitor user cannot log in to any backend: ProxySQL will take every node offline.</summary>
public sealed class ProxySQLMonitorLoginFailing : AlertRule
{
    public override string Name => nameof(ProxySQLMonitorLoginFailing);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var proxy in context.ReportingProxies)
        {
            if (proxy.Routing.MonitorLoginError is { } loginError)
            {
                yield return Alert(context, proxy.Proxy, AlertSeverity.Critical, settings.For,
                    $"{proxy.Proxy}: the monitor user cannot log in to any node",
                    $"Every Galera check of ProxySQL {proxy.Proxy} fails with '{loginError}'. ProxySQL then moves every node to the offline hostgroup: all traffic stops although the databases are fine. Fix mysql-monitor_username/mysql-monitor_password or the user on MariaDB (it needs USAGE only).");
            }
        }
    }
}
