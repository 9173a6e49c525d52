namespace KeyBuzz.Collector.Core.Recovery;

public sealed record RoundStep(RecoveryRound? Round, IReadOnlyList<RoundEffect> Effects);
