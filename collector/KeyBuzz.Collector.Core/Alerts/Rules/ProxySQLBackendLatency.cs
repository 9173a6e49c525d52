namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>The writer's ping latency seen by ProxySQL is above Threshold ms for 1 minute.</summary>
public sealed class ProxySQLBackendLatency : AlertRule
{
    public override string Name => nameof(ProxySQLBackendLatency);

    public override RuleSettings Defaults => new(true, TimeSpan.FromMinutes(1), Threshold: 100);

    public override string ThresholdHelp => "milliseconds";

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var proxy in context.ReportingProxies.Where(p => p.Routing.Writer is not null))
        {
            if (proxy.Snapshot.Pool.FirstOrDefault(p => p.Hostgroup == proxy.Routing.WriterHostgroup && p.Endpoint == proxy.Routing.Writer) is { } pool && pool.LatencyUs / 1000.0 > settings.Threshold)
            {
                yield return Alert(context, proxy.Proxy, AlertSeverity.Warning, settings.For,
                    $"{proxy.Proxy}: writer {pool.Endpoint} answers pings in {Number(pool.LatencyUs / 1000.0)} ms",
                    $"ProxySQL {proxy.Proxy} measures {Number(pool.LatencyUs / 1000.0)} ms to the writer {pool.Endpoint}. Above the server's max_latency_ms ProxySQL stops using it. Check the node's load and the network.");
            }
        }
    }
}
