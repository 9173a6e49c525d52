namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>Stamps every decision with the per-node lines it was made from.</summary>
internal sealed class DecisionBuilder(IReadOnlyList<NodePlanLine> lines)
{
    public BootstrapDecision Make(
        DecisionKind kind,
        string rule,
        string reason,
        string? node = null,
        Position? position = null,
        IReadOnlyList<string>? startNodes = null,
        IReadOnlyList<string>? waitingFor = null,
        string? candidate = null,
        IReadOnlyList<string>? fence = null) =>
        new(kind, rule, reason, node, position, startNodes ?? [], waitingFor ?? [], candidate, lines, fence ?? []);
}
