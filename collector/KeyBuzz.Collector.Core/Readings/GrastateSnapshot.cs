namespace KeyBuzz.Collector.Core.Readings;

/// <summary>grastate.dat as the agent read it; <see cref="Error"/> is set when it was unreadable.</summary>
public sealed record GrastateSnapshot(bool Present, string Uuid, long Seqno, bool SafeToBootstrap, string? Error);
