namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>A backend has been offline in ProxySQL for 5 minutes (with the reason from the latest check).</summary>
public sealed class ProxySQLBackendOffline : AlertRule
{
    public override string Name => nameof(ProxySQLBackendOffline);

    public override RuleSettings Defaults => new(true, TimeSpan.FromMinutes(5));

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var proxy in context.ReportingProxies)
        {
            foreach (var backend in proxy.Routing.Backends.Where(b => b.Role == ProxySql.BackendRoute.Offline))
            {
                yield return Alert(context, proxy.Proxy, AlertSeverity.Warning, settings.For,
                    $"{proxy.Proxy}: backend {backend.Endpoint} offline ({backend.Reason})",
                    $"ProxySQL {proxy.Proxy} routes nothing to {backend.Endpoint} ({backend.Status}): {backend.Reason}. Check that node in `kbctl status`.");
            }
        }
    }
}
