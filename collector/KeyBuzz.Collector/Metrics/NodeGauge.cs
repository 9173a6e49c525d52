using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Metrics;

/// <summary>One per-node series exported from the live view: its name, help, and how to read it (null: no sample).</summary>
internal sealed record NodeGauge(string Name, string Help, Func<NodeState, DateTimeOffset, double?> Read, bool IsCounter = false);
