namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>Persist the round first, then send (or re-send, same id) the grant to its node.</summary>
public sealed record SendGrantEffect(BootstrapGrant Grant) : RoundEffect;
