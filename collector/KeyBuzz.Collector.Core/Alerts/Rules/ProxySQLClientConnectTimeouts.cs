namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>Clients timed out waiting for a backend connection in the last 5 minutes (max_connect_timeouts rose): clients see errors.</summary>
public sealed class ProxySQLClientConnectTimeouts : AlertRule
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public override string Name => nameof(ProxySQLClientConnectTimeouts);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var proxy in context.ReportingProxies)
        {
            var timeouts = context.ProxyTimeline.Increase(proxy.Proxy, "max_connect_timeouts", Window, context.Now);
            if (timeouts > 0)
            {
                yield return Alert(context, proxy.Proxy, AlertSeverity.Critical, settings.For,
                    $"{proxy.Proxy}: {timeouts} client connection timeout(s) in 5 min",
                    $"Clients of ProxySQL {proxy.Proxy} waited longer than mysql-connect_timeout_server_max for a backend and got error 9001. There was no usable writer: see ProxySQLNoWriter and `kbctl status`.");
            }
        }
    }
}
