namespace KeyBuzz.Collector.Core.Components;

/// <summary>A bootstrap a human decided (kbctl bootstrap approve/force): the component it forms is accepted as the history going on.</summary>
public sealed record HumanBootstrap(string Node, string Uuid, long Seqno, string GrantId, string By, DateTimeOffset At);
