namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>Threads_connected above Threshold % of max_connections.</summary>
public sealed class MariaDBConnectionsHigh : AlertRule
{
    public override string Name => nameof(MariaDBConnectionsHigh);

    public override RuleSettings Defaults => new(true, TimeSpan.FromMinutes(2), Threshold: 80);

    public override string ThresholdHelp => "percent of max_connections";

    protected override (double Min, double Max) ThresholdRange => (0, 100);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var node in context.LiveNodes)
        {
            if (node.Latest.Long("threads_connected") is not { } connected
                || !node.Latest.Variables.TryGetValue("max_connections", out var maxText)
                || !long.TryParse(maxText, System.Globalization.CultureInfo.InvariantCulture, out var max) || max <= 0)
            {
                continue;
            }

            var percent = 100.0 * connected / max;
            if (percent > settings.Threshold)
            {
                yield return Alert(context, node.Node, AlertSeverity.Warning, settings.For,
                    $"{node.Node}: {connected} of {max} connections in use",
                    $"{node.Node} uses {Number(percent)}% of max_connections. New clients will soon get 'Too many connections'. Check ProxySQL's pool (mysql_servers.max_connections) and idle application connections.");
            }
        }
    }
}
