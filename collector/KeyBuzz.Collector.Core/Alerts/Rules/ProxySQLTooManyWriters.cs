namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>More than one ONLINE writer on one ProxySQL node (SHUNNED surplus writers are normal). Windows are short: fires at once.</summary>
public sealed class ProxySQLTooManyWriters : AlertRule
{
    public override string Name => nameof(ProxySQLTooManyWriters);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var proxy in context.ReportingProxies.Where(p => p.Routing.OnlineWriters.Count > 1))
        {
            yield return Alert(context, proxy.Proxy, AlertSeverity.Critical, settings.For,
                $"{proxy.Proxy}: {proxy.Routing.OnlineWriters.Count} ONLINE writers",
                $"ProxySQL {proxy.Proxy} sends writes to {string.Join(" and ", proxy.Routing.OnlineWriters)} at once: certification conflicts and deadlocks for the ERP. It happens right after LOAD MYSQL SERVERS TO RUNTIME with all nodes in the writer hostgroup: apply the layout of `kbctl proxysql config` (one writer in 10, standbys in 20) and max_writers=1.");
        }
    }
}
