using System.Collections.Immutable;

namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>The alerts active after one evaluation and the phase changes it caused.</summary>
public sealed record AlertStep(ImmutableDictionary<string, ActiveAlert> Active, IReadOnlyList<AlertTransition> Transitions);
