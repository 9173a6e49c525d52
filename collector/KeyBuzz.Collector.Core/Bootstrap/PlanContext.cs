namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>The planner's input digested once: each node's position judged on fresh evidence, and the plan lines.</summary>
internal sealed class PlanContext
{
    public PlanContext(ClusterEvidence evidence)
    {
        Evidence = evidence;
        Positions = evidence.Nodes.ToDictionary(n => n.Node, n => NodePosition.Of(n, evidence.Refused), StringComparer.Ordinal);
        Builder = new DecisionBuilder([.. evidence.Nodes.Select(n => PlanLines.Line(n, Positions[n.Node]))]);
    }

    public ClusterEvidence Evidence { get; }

    public IReadOnlyList<NodeEvidence> Nodes => Evidence.Nodes;

    public IReadOnlyDictionary<string, NodePosition> Positions { get; }

    public DecisionBuilder Builder { get; }

    public NodePosition PositionOf(NodeEvidence node) => Positions[node.Node];

    /// <summary>Nodes whose evidence counts: all but those history proves take no part.</summary>
    public IReadOnlyList<NodeEvidence> Needed => [.. Nodes.Where(n => !n.TakesNoPart)];

    /// <summary>Stopped, reporting nodes that may be a bootstrap source: a usable position, grastate.dat agreeing, not from a fork.</summary>
    public NodeEvidence? Best() =>
        Nodes.Where(n => n.Reporting && !n.MariadbRunning && n.History != NodeHistory.ServedFork && PositionOf(n) is { Position: not null, Problem: NodePositionProblem.None })
            .OrderByDescending(n => PositionOf(n).Position!.Seqno)
            .ThenByDescending(n => n.Grastate is { SafeToBootstrap: true, Seqno: >= 0 })
            .ThenBy(n => n.Node, StringComparer.Ordinal)
            .FirstOrDefault();

    public static string Join(IEnumerable<string> names) => string.Join(", ", names);

    public static string Verb(int count, string singular, string plural) => count == 1 ? singular : plural;
}
