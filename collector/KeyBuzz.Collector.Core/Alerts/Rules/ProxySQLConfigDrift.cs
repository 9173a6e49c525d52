using KeyBuzz.Collector.Core.ProxySql;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>
/// A proxy's runtime Galera hostgroups or watched global variables differ from what `kbctl proxysql
/// apply` last applied (someone changed it by hand, or ProxySQL Cluster synced another config in).
/// </summary>
public sealed class ProxySQLConfigDrift : AlertRule
{
    public override string Name => nameof(ProxySQLConfigDrift);

    public override RuleSettings Defaults => new(true, TimeSpan.FromSeconds(60));

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.DesiredProxy is not { } desired)
        {
            yield break;
        }

        foreach (var proxy in context.ReportingProxies)
        {
            var drift = desired.Drift(proxy.Snapshot);
            if (drift.Count > 0)
            {
                yield return Alert(context, proxy.Proxy, AlertSeverity.Warning, settings.For,
                    $"{proxy.Proxy}: {drift.Count} setting(s) differ from the applied config",
                    $"ProxySQL {proxy.Proxy} runs {string.Join("; ", drift)} (applied {desired.AppliedAt:yyyy-MM-dd HH:mm} UTC). Someone changed it through the admin interface, or a ProxySQL Cluster peer pushed another config. `kbctl proxysql apply --dry-run` shows every difference; `kbctl proxysql apply` puts the desired config back.");
            }
        }
    }
}
