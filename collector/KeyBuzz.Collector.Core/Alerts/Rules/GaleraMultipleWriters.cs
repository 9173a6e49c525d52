namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>
/// Write-sets originated on more than one node within the last minute (wsrep_replicated counts only
/// write-sets that start on the node): the double-write risk the single-writer design exists to avoid.
/// Nodes in maintenance are left out.
/// </summary>
public sealed class GaleraMultipleWriters : AlertRule
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public override string Name => nameof(GaleraMultipleWriters);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var writers = context.LiveNodes
            .Select(n => (n.Node, Written: context.Increase(n, "wsrep_replicated", Window)?.Increase ?? 0))
            .Where(x => x.Written > 0)
            .ToList();
        if (writers.Count < 2)
        {
            yield break;
        }

        var detail = string.Join(", ", writers.Select(w => $"{w.Node} ({Number(w.Written)} write-sets)"));
        yield return Alert(context, string.Empty, AlertSeverity.Critical, settings.For,
            $"cluster {context.Cluster}: writes originate on {writers.Count} nodes",
            $"In the last minute write-sets started on {detail}. The design sends all writes to one node; several writers cause certification conflicts and deadlocks in the ERP. Check the ProxySQL writer hostgroup (one ONLINE writer on each proxy, the same on both) and jobs connecting to nodes directly. Put a node in maintenance to exclude planned work.");
    }
}
