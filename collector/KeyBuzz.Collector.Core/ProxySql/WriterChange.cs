namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>A ProxySQL node's writer changed from From to To (null: no writer).</summary>
public sealed record WriterChange(DateTimeOffset At, string? From, string? To);
