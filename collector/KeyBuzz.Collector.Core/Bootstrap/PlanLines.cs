namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>One line per node for `kbctl bootstrap plan`: its state, position and what the planner made of it.</summary>
internal static class PlanLines
{
    public static NodePlanLine Line(NodeEvidence n, NodePosition position)
    {
        var state = !n.Reporting ? "not reporting" : n.MariadbRunning ? $"running, {n.ClusterStatus ?? "no SQL"}" : "mariadbd down";
        var notes = new List<string>();
        if (position.Detail.Length > 0)
        {
            notes.Add(position.Detail);
        }

        if (n.Grastate is { SafeToBootstrap: true } g && (g.Seqno < 0 || g.Uuid == Position.ZeroUuid))
        {
            notes.Add("safe_to_bootstrap=1 ignored: grastate.dat holds no position");
        }

        notes.Add(n.History switch
        {
            NodeHistory.InLatest => "in the latest Primary Component",
            NodeHistory.Behind => "left the Primary Component before the others (behind)",
            NodeHistory.LeftBefore => "last seen Primary before the latest Primary Component, whose members were not all seen",
            NodeHistory.ServedFork => "served a forked history: its data diverged, it rejoins only by SST",
            _ => string.Empty,
        });

        if (n.Maintenance)
        {
            notes.Add("in maintenance");
        }

        var evidence = position.Position is not null ? n.Recovered : null;
        return new NodePlanLine(n.Node, state, position.Position, position.Source, string.Join("; ", notes.Where(t => t.Length > 0)),
            evidence?.DatadirIdentity ?? string.Empty, evidence is null ? string.Empty : NodePosition.EvidenceToken(n.Node, evidence));
    }
}
