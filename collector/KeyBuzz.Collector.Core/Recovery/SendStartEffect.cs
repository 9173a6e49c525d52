namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>Start this node normally (never a bootstrap).</summary>
public sealed record SendStartEffect(string Node) : RoundEffect;
