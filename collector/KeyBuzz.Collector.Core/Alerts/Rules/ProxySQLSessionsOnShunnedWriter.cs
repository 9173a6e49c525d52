namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>Connections still in use on a replaced (SHUNNED) writer: those sessions keep writing to the old node.</summary>
public sealed class ProxySQLSessionsOnShunnedWriter : AlertRule
{
    public override string Name => nameof(ProxySQLSessionsOnShunnedWriter);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var proxy in context.ReportingProxies)
        {
            foreach (var pool in proxy.Routing.SessionsOnShunnedWriters)
            {
                yield return Alert(context, proxy.Proxy, AlertSeverity.Warning, settings.For,
                    $"{proxy.Proxy}: {pool.ConnUsed} session(s) still on the old writer {pool.Endpoint}",
                    $"After a writer change, {pool.ConnUsed} connection(s) of ProxySQL {proxy.Proxy} still use {pool.Endpoint} (now {pool.Status}); with transaction_persistent they keep writing there while the new writer takes the rest. Wait for them to end, or end them: find them in stats_mysql_processlist (srv_host {pool.Endpoint}) and KILL CONNECTION on the admin interface.");
            }
        }
    }
}
