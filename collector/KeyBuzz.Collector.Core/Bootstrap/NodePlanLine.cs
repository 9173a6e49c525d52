namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>One node as the planner judged it, for `kbctl bootstrap plan`.</summary>
public sealed record NodePlanLine(string Node, string State, Position? Position, string PositionSource, string Note);
