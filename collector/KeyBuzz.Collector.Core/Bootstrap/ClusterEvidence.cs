namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>The planner's whole input.</summary>
/// <param name="Latest">The latest Primary Component history knows (null: none seen yet).</param>
/// <param name="Stopped">Why automatic actions are stopped for this cluster (a forked history), else null.</param>
/// <param name="PcRecoveryFailed">The round found that pc.recovery will not reform the running members (it gave it its limit).</param>
/// <param name="RefusedEvidence">Evidence tokens (see <see cref="NodePosition.EvidenceToken"/>) a grant was refused on in this round: never decided on again.</param>
public sealed record ClusterEvidence(string Cluster, IReadOnlyList<NodeEvidence> Nodes, LatestComponent? Latest = null, string? Stopped = null, IReadOnlySet<string>? RefusedEvidence = null, bool PcRecoveryFailed = false)
{
    public IReadOnlySet<string> Refused => RefusedEvidence ?? new HashSet<string>();
}
