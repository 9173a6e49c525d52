namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>ProxySQL Cluster peers hold different checksums of a synced module for 60 s: the two proxies run different configurations.</summary>
public sealed class ProxySQLClusterOutOfSync : AlertRule
{
    private static readonly string[] Modules = ["mysql_servers_v2", "mysql_users", "mysql_query_rules", "proxysql_servers"];

    public override string Name => nameof(ProxySQLClusterOutOfSync);

    public override RuleSettings Defaults => new(true, TimeSpan.FromSeconds(60));

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var proxy in context.ReportingProxies.Where(p => p.Snapshot.Checksums is { Count: > 0 }))
        {
            foreach (var module in Modules)
            {
                var peers = proxy.Snapshot.Checksums!.Where(c => c.Name == module && c.Version > 0).ToList();
                if (peers.Select(c => c.Checksum).Distinct(StringComparer.Ordinal).Count() > 1)
                {
                    yield return Alert(context, proxy.Proxy, AlertSeverity.Warning, settings.For,
                        $"{proxy.Proxy}: ProxySQL Cluster peers differ on {module}",
                        $"Peers seen from {proxy.Proxy} hold different {module}: {string.Join(", ", peers.Select(p => $"{p.Host}:{p.Port} {p.Checksum} (v{p.Version})"))}. A peer is not syncing: check admin-cluster_username/password (also in admin-admin_credentials) and the *_diffs_before_sync variables.");
                }
            }
        }
    }
}
