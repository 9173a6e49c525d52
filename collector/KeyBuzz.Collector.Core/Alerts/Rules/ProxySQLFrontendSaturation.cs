using System.Globalization;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>Client connections above Threshold % of mysql-max_connections for 2 minutes.</summary>
public sealed class ProxySQLFrontendSaturation : AlertRule
{
    public override string Name => nameof(ProxySQLFrontendSaturation);

    public override RuleSettings Defaults => new(true, TimeSpan.FromMinutes(2), Threshold: 80);

    public override string ThresholdHelp => "percent of mysql-max_connections";

    protected override (double Min, double Max) ThresholdRange => (0, 100);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var proxy in context.ReportingProxies)
        {
            if (!proxy.Snapshot.Global.TryGetValue("Client_Connections_connected", out var connected)
                || proxy.Snapshot.Variables?.GetValueOrDefault("mysql-max_connections") is not { } maxText
                || !long.TryParse(maxText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) || max <= 0)
            {
                continue;
            }

            var percent = 100.0 * connected / max;
            if (percent > settings.Threshold)
            {
                yield return Alert(context, proxy.Proxy, AlertSeverity.Warning, settings.For,
                    $"{proxy.Proxy}: {connected} of {max} client connections in use",
                    $"ProxySQL {proxy.Proxy} is at {Number(percent)}% of mysql-max_connections; new clients will be refused. Raise mysql-max_connections or find the application leaking connections.");
            }
        }
    }
}
