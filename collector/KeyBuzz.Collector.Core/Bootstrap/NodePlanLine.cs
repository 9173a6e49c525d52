namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>One node as the planner judged it, for `kbctl bootstrap plan`.</summary>
/// <param name="DatadirIdentity">The datadir identity its position was derived from (empty without a fresh position): a grant carries it.</param>
/// <param name="EvidenceToken">Which evidence the position is (see <see cref="RecoveredPosition.Token"/>).</param>
public sealed record NodePlanLine(string Node, string State, Position? Position, string PositionSource, string Note, string DatadirIdentity = "", string EvidenceToken = "");
