namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>No reading from a ProxySQL node's agent (or its admin interface) for 10 s.</summary>
public sealed class ProxySQLAgentNoData : AlertRule
{
    public override string Name => nameof(ProxySQLAgentNoData);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var proxy in context.ProxyNodes.Where(p => !context.IsReporting(p)))
        {
            var silent = (int)(context.Now - proxy.LastSeen).TotalSeconds;
            yield return Alert(context, proxy.Proxy, AlertSeverity.Critical, settings.For,
                $"{proxy.Proxy}: no reading from the ProxySQL agent for {silent}s",
                $"Nothing is known about routing through {proxy.Proxy} for {silent}s. Check the host, `systemctl status proxysql keybuzz-agent`, and that the admin interface answers (port 6032).");
        }
    }
}
