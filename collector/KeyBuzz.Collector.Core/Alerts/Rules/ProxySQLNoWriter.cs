namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>A ProxySQL node has no ONLINE server in the writer hostgroup: every write through it fails.</summary>
public sealed class ProxySQLNoWriter : AlertRule
{
    public override string Name => nameof(ProxySQLNoWriter);

    public override RuleSettings Defaults => new(true, TimeSpan.FromSeconds(5));

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var proxy in context.ReportingProxies.Where(p => p.Routing.OnlineWriters.Count == 0))
        {
            var offline = string.Join("; ", proxy.Routing.Backends.Select(b => $"{b.Endpoint} {b.Status}: {b.Reason}"));
            yield return Alert(context, proxy.Proxy, AlertSeverity.Critical, settings.For,
                $"{proxy.Proxy}: no ONLINE writer, writes fail",
                $"ProxySQL {proxy.Proxy} has no ONLINE writer in the writer hostgroup ({offline}). Clients get errors (9001 after mysql-connect_timeout_server_max). Check the Galera cluster (`kbctl status`) and the monitor user.");
        }
    }
}
