namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>The planner's whole input.</summary>
/// <param name="HighWaterMarks">Highest wsrep_last_committed the collector ever saw, per cluster state UUID.</param>
public sealed record ClusterEvidence(string Cluster, IReadOnlyList<NodeEvidence> Nodes, IReadOnlyDictionary<string, long> HighWaterMarks);
