namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>What the history keeps of one ProxySQL reading: its writer, every ONLINE writer (more than one is a double-write window) and the counters rules compare over time.</summary>
public sealed record ProxySample(DateTimeOffset At, string? Writer, IReadOnlyDictionary<string, long> Counters, IReadOnlyList<string> OnlineWriters)
{
    public bool HasSeveralWriters => OnlineWriters.Count > 1;
}
