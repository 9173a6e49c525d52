namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>What the history keeps of one ProxySQL reading: its writer and the counters rules compare over time.</summary>
public sealed record ProxySample(DateTimeOffset At, string? Writer, IReadOnlyDictionary<string, long> Counters);
