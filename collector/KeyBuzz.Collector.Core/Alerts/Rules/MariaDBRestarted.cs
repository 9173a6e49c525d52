namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>mariadbd started less than Threshold seconds ago.</summary>
public sealed class MariaDBRestarted : AlertRule
{
    public override string Name => nameof(MariaDBRestarted);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero, Threshold: 60);

    public override string ThresholdHelp => "seconds of uptime";

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var node in context.LiveNodes)
        {
            if (node.Latest.Long("uptime") is { } uptime && uptime < settings.Threshold)
            {
                yield return Alert(context, node.Node, AlertSeverity.Info, settings.For,
                    $"{node.Node}: mariadbd restarted {uptime}s ago",
                    $"mariadbd on {node.Node} started {uptime}s ago. If nobody restarted it, look for a crash in its error log and in `kbctl events`.");
            }
        }
    }
}
