namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>No reading from a node's agent for several sampling intervals.</summary>
public sealed class GaleraAgentNoData : AlertRule
{
    public override string Name => nameof(GaleraAgentNoData);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var node in context.WatchedNodes.Where(n => !context.IsReporting(n)))
        {
            var silent = (int)(context.Now - node.LastSeen).TotalSeconds;
            yield return Alert(context, node.Node, AlertSeverity.Critical, settings.For,
                $"{node.Node}: no reading from its agent for {silent}s",
                $"The collector has heard nothing from the agent on {node.Node} ({node.Agent.HostName}) for {silent}s. Check that the host is up, `systemctl status keybuzz-agent` on it, and the network path to the collector. The database itself may be fine.");
        }

        foreach (var node in (context.NeverSeen ?? []).Where(n => !context.Maintenance.Contains(n)))
        {
            yield return Alert(context, node, AlertSeverity.Critical, settings.For,
                $"{node}: no reading from its agent since the collector started",
                $"{node} reported to this collector before, but its agent has not connected since the collector restarted. Check that the host is up and `systemctl status keybuzz-agent` on it. If the node was removed for good, set Alerts:ExpectedClusterSize and delete its history.");
        }
    }
}
