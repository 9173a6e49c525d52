namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>The ProxySQL nodes route writes to different nodes for longer than a normal switch (2 s).</summary>
public sealed class ProxySQLWritersDisagree : AlertRule
{
    public override string Name => nameof(ProxySQLWritersDisagree);

    public override RuleSettings Defaults => new(true, TimeSpan.FromSeconds(2));

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var writers = context.ReportingProxies.Where(p => p.Routing.Writer is not null).ToList();
        if (writers.Select(p => p.Routing.Writer).Distinct(StringComparer.Ordinal).Count() < 2)
        {
            yield break;
        }

        yield return Alert(context, string.Empty, AlertSeverity.Critical, settings.For,
            $"cluster {context.Cluster}: the ProxySQL nodes disagree on the writer",
            $"{string.Join(", ", writers.Select(p => $"{p.Proxy} writes to {p.Routing.Writer}"))}: two nodes take writes. Usually a failback that happened on one proxy first; check both proxies' runtime_mysql_servers and `kbctl status`.");
    }
}
