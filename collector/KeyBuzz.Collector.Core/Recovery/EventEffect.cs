namespace KeyBuzz.Collector.Core.Recovery;

public sealed record EventEffect(string Text) : RoundEffect;
