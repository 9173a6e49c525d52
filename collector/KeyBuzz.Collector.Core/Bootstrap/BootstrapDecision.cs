namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>The planner's answer, with the rule that fired and its reason in operator words.</summary>
/// <param name="Node">The node to bootstrap (Bootstrap).</param>
/// <param name="StartNodes">Nodes to start normally (StartNormally).</param>
/// <param name="WaitingFor">Nodes whose evidence is missing (Wait).</param>
/// <param name="Candidate">The best node among those that reported, offered for a human's approval.</param>
/// <param name="FenceNodes">Running nodes to stop first (Fence): history proves their view stale.</param>
public sealed record BootstrapDecision(
    DecisionKind Kind,
    string Rule,
    string Reason,
    string? Node,
    Position? Position,
    IReadOnlyList<string> StartNodes,
    IReadOnlyList<string> WaitingFor,
    string? Candidate,
    IReadOnlyList<NodePlanLine> Lines,
    IReadOnlyList<string>? FenceNodes = null)
{
    public IReadOnlyList<string> Fence => FenceNodes ?? [];

    public NodePlanLine? LineOf(string node) => Lines.FirstOrDefault(l => l.Node == node);
}
