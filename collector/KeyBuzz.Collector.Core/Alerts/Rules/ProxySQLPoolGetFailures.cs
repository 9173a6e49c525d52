namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>ConnPool_get_conn_failure rose in the last 5 minutes: ProxySQL could not get a backend connection.</summary>
public sealed class ProxySQLPoolGetFailures : AlertRule
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public override string Name => nameof(ProxySQLPoolGetFailures);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var proxy in context.ReportingProxies)
        {
            var failures = context.ProxyTimeline.Increase(proxy.Proxy, "ConnPool_get_conn_failure", Window, context.Now);
            if (failures > 0)
            {
                yield return Alert(context, proxy.Proxy, AlertSeverity.Warning, settings.For,
                    $"{proxy.Proxy}: {failures} failed backend connection attempts in 5 min",
                    $"ProxySQL {proxy.Proxy} failed {failures} times to get a connection to a backend. Check stats_mysql_connection_pool ConnERR per backend, max_connections on the servers, and the backends' health.");
            }
        }
    }
}
