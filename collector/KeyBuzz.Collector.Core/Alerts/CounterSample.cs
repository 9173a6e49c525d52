using System.Collections.Immutable;

namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>The watched counters of one reading.</summary>
public sealed record CounterSample(DateTimeOffset At, ImmutableDictionary<string, long> Values);
