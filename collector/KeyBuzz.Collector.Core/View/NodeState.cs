using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.View;

/// <summary>What the collector knows of one node right now.</summary>
public sealed record NodeState(
    string Cluster,
    string Node,
    AgentInfo Agent,
    NodeReading Latest,
    DateTimeOffset LastSeen,
    double? FlowControlPausedPercent);
