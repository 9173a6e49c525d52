namespace KeyBuzz.Collector.Core.Advice;

/// <summary>What one agent's self-repair needs to know about the rest of its cluster.</summary>
public sealed record NodeAdvice(bool PrimaryElsewhere, string PrimaryStateUuid, IReadOnlyList<string> PrimaryNodes, bool SelfEvicted, bool Maintenance, ulong ActiveRound);
