namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>Persist the round first, then send this start or fence command to its node.</summary>
public sealed record SendCommandEffect(RoundCommand Command) : RoundEffect;
