namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>
/// Write-sets originating on more than one node at the same time (wsrep_replicated counts only
/// write-sets that start on the node): the double-write risk the single-writer design exists to avoid.
/// "At the same time" is: several nodes' counters rose within the last 10 s, continuously for the
/// rule's `for` (15 s by default). A writer failover (writes move from one node to the next) overlaps
/// for less than 10 s and does not fire. Nodes in maintenance are left out.
/// </summary>
public sealed class GaleraMultipleWriters : AlertRule
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public override string Name => nameof(GaleraMultipleWriters);

    public override RuleSettings Defaults => new(true, TimeSpan.FromSeconds(15));

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
            $"In the last 10 seconds write-sets started on {detail}, and this has lasted at least {settings.For.TotalSeconds:0} s (a writer failover does not). The design sends all writes to one node; several writers cause certification conflicts and deadlocks in the ERP. Check the ProxySQL writer hostgroup (one ONLINE writer on each proxy, the same on both) and jobs connecting to nodes directly. Put a node in maintenance to exclude planned work.");
    }
}
