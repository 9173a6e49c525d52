using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.History;

/// <summary>A reading with its node and the values the collector derived at ingest.</summary>
internal sealed record StoredReading(string Cluster, string Node, NodeReading Reading, double? FlowControlPausedPercent, EncodedStatus? Encoded = null);
