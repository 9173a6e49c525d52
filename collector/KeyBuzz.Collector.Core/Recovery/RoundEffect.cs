namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>Something the coordinator must do after a step: record an event, send a grant, start a node.</summary>
public abstract record RoundEffect;
