using System.Collections.Immutable;

namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>The last 30 minutes of each ProxySQL node's writer and watched counters (immutable), for the rules that compare over time.</summary>
public sealed class ProxyHistory
{
    public static readonly TimeSpan Span = TimeSpan.FromMinutes(30);

    /// <summary>Lines "Galera: too many writers" the agent counted in ProxySQL's log (it sees windows shorter than a reading).</summary>
    public const string LogTooManyWriters = "keybuzz_log_too_many_writers";

    public static readonly IReadOnlyList<string> WatchedCounters = ["max_connect_timeouts", "ConnPool_get_conn_failure", "Access_Denied_Max_Connections", LogTooManyWriters];

    private readonly ImmutableDictionary<string, ImmutableList<ProxySample>> _proxies;

    private ProxyHistory(ImmutableDictionary<string, ImmutableList<ProxySample>> proxies) => _proxies = proxies;

    public static ProxyHistory Empty { get; } = new(ImmutableDictionary<string, ImmutableList<ProxySample>>.Empty.WithComparers(StringComparer.Ordinal));

    public ProxyHistory Add(ProxyObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var samples = _proxies.TryGetValue(observation.Proxy, out var known) ? known : [];
        if (samples.Count > 0 && observation.LastSeen <= samples[^1].At)
        {
            return this;
        }

        var counters = WatchedCounters.Where(observation.Snapshot.Global.ContainsKey).ToDictionary(c => c, c => observation.Snapshot.Global[c], StringComparer.Ordinal);
        samples = samples.Add(new ProxySample(observation.LastSeen, observation.Routing.Writer, counters, observation.Routing.OnlineWriters));
        var first = samples.FindIndex(s => s.At >= observation.LastSeen - Span);
        return new ProxyHistory(_proxies.SetItem(observation.Proxy, first > 0 ? samples.RemoveRange(0, first) : samples));
    }

    /// <summary>Writer changes of one proxy within the last <paramref name="span"/>, oldest first.</summary>
    public IReadOnlyList<WriterChange> WriterChanges(string proxy, TimeSpan span, DateTimeOffset now)
    {
        if (!_proxies.TryGetValue(proxy, out var samples))
        {
            return [];
        }

        var changes = new List<WriterChange>();
        for (var i = 1; i < samples.Count; i++)
        {
            if (samples[i].At >= now - span && !string.Equals(samples[i].Writer, samples[i - 1].Writer, StringComparison.Ordinal))
            {
                changes.Add(new WriterChange(samples[i].At, samples[i - 1].Writer, samples[i].Writer));
            }
        }

        return changes;
    }

    /// <summary>Readings of one proxy within the last <paramref name="span"/> that showed more than one ONLINE writer, oldest first.</summary>
    public IReadOnlyList<ProxySample> SeveralWriterSamples(string proxy, TimeSpan span, DateTimeOffset now) =>
        _proxies.TryGetValue(proxy, out var samples) ? [.. samples.Where(s => s.At >= now - span && s.HasSeveralWriters)] : [];

    /// <summary>Growth of a watched counter over the last <paramref name="span"/> (a restart counts from zero); 0 with fewer than two samples.</summary>
    public long Increase(string proxy, string counter, TimeSpan span, DateTimeOffset now)
    {
        if (!_proxies.TryGetValue(proxy, out var samples))
        {
            return 0;
        }

        return Rates.CounterRate.Increase(samples.Where(s => s.At >= now - span && s.Counters.TryGetValue(counter, out _)).Select(s => s.Counters[counter]));
    }
}
