namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>The agent reports but mariadbd is down or does not answer SQL (a state transfer excepted).</summary>
public sealed class MariaDBDown : AlertRule
{
    public override string Name => nameof(MariaDBDown);

    public override RuleSettings Defaults => new(true, TimeSpan.FromSeconds(10));

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var node in context.WatchedNodes.Where(n => context.IsReporting(n) && !n.Latest.SqlReachable && !n.Latest.SstInProgress))
        {
            var what = node.Latest.MariadbRunning ? "mariadbd runs but does not answer SQL" : "mariadbd is not running";
            var repair = node.Latest.RepairState.Length > 0 ? $" Agent self-repair: {node.Latest.RepairState} {node.Latest.RepairReason}".TrimEnd() + "." : string.Empty;
            yield return Alert(context, node.Node, AlertSeverity.Critical, settings.For,
                $"{node.Node}: {what}",
                $"{what} on {node.Node}.{repair} Check the MariaDB error log on the node and `kbctl status`; the agent restarts a crashed node by itself when it is safe to.");
        }
    }
}
