namespace KeyBuzz.Ctl.Galera;

/// <summary>
/// The write rate a node's gcache must absorb, from stored history of its counters
/// (wsrep_replicated_bytes + wsrep_received_bytes: every write set passes through the gcache once).
/// </summary>
internal static class WriteRate
{
    /// <summary>A counter's last value per time bucket; buckets without readings are left out.</summary>
    internal sealed record Sample(long StartUnixMs, double Last);

    /// <summary>
    /// Highest rate in bytes/s over any <paramref name="window"/> (or over the whole span when the
    /// history is shorter); null when there are fewer than two buckets.
    /// </summary>
    public static double? PeakBytesPerSecond(IReadOnlyList<IReadOnlyList<Sample>> counters, TimeSpan window)
    {
        var increases = new SortedDictionary<long, (double Bytes, double Seconds)>();
        foreach (var counter in counters)
        {
            for (var i = 1; i < counter.Count; i++)
            {
                var delta = counter[i].Last - counter[i - 1].Last;
                var bytes = delta >= 0 ? delta : counter[i].Last; // a restart resets the counter
                var seconds = (counter[i].StartUnixMs - counter[i - 1].StartUnixMs) / 1000.0;
                if (seconds <= 0)
                {
                    continue;
                }

                increases[counter[i].StartUnixMs] = increases.TryGetValue(counter[i].StartUnixMs, out var sum)
                    ? (sum.Bytes + bytes, Math.Max(sum.Seconds, seconds))
                    : (bytes, seconds);
            }
        }

        if (increases.Count == 0)
        {
            return null;
        }

        var points = increases.ToList();
        var span = points.Sum(p => p.Value.Seconds);
        var needed = Math.Min(window.TotalSeconds, span);
        double? peak = null;
        for (var end = 0; end < points.Count; end++)
        {
            double bytes = 0, seconds = 0;
            for (var start = end; start >= 0 && seconds < needed; start--)
            {
                bytes += points[start].Value.Bytes;
                seconds += points[start].Value.Seconds;
            }

            if (seconds >= needed)
            {
                peak = Math.Max(peak ?? 0, bytes / seconds);
            }
        }

        return peak;
    }

    /// <summary>gcache big enough to hold <paramref name="away"/> of writes at the peak rate, in 64 MiB steps, at least 128 MiB.</summary>
    public static long GcacheMib(double peakBytesPerSecond, TimeSpan away)
    {
        var mib = peakBytesPerSecond * away.TotalSeconds / (1024 * 1024);
        return Math.Max(128, (long)Math.Ceiling(mib / 64) * 64);
    }
}
