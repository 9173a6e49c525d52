using KeyBuzz.Collector.Core.History;

namespace KeyBuzz.Collector.History;

/// <summary>Aggregates complete minutes of raw readings into the minute store, resuming from each node's mark.</summary>
internal sealed class Downsampler(IRawHistory history, MinuteStore minutes)
{
    private const long Minute = 60_000;

    /// <summary>Readings may arrive late (an agent resending after a reconnect): minutes younger than this stay raw.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);

    /// <summary>Bounds one pass so a long backlog never blocks the database for long.</summary>
    private const int MaxMinutesPerPass = 720;

    /// <returns>Minutes aggregated.</returns>
    public int Run(string cluster, string node, DateTimeOffset now)
    {
        var end = Floor((now - Settle).ToUnixTimeMilliseconds());
        var start = minutes.Mark(cluster, node) ?? (history.FirstReadingUnixMs(cluster, node) is { } first ? Floor(first) : end);
        var done = 0;
        for (var minute = start; minute < end && done < MaxMinutesPerPass; minute += Minute, done++)
        {
            var perMetric = new Dictionary<string, List<(long, double)>>(StringComparer.Ordinal);
            foreach (var (at, name, value) in history.NumericValues(cluster, node, minute, minute + Minute - 1))
            {
                if (!perMetric.TryGetValue(name, out var list))
                {
                    perMetric[name] = list = [];
                }

                list.Add((at, value));
            }

            var buckets = perMetric.ToDictionary(p => p.Key, p => StepAggregator.Aggregate(p.Value, Minute)[0], StringComparer.Ordinal);
            minutes.Save(cluster, node, minute, buckets, minute + Minute);
        }

        return done;
    }

    /// <summary>Raw readings may be deleted up to here: older than the cutoff and already aggregated.</summary>
    public DateTimeOffset RawDeletable(string cluster, string node, DateTimeOffset cutoff) =>
        minutes.Mark(cluster, node) is { } mark && mark < cutoff.ToUnixTimeMilliseconds() ? DateTimeOffset.FromUnixTimeMilliseconds(mark) : cutoff;

    private static long Floor(long unixMs) => unixMs - (unixMs % Minute);
}
