namespace KeyBuzz.Collector.Core.Rates;

/// <summary>Rates from raw counters; agents send counters, the collector derives rates.</summary>
public static class CounterRate
{
    /// <summary>Change per second, or null when it cannot be known (missing sample, no time elapsed, counter reset).</summary>
    public static double? PerSecond(long? previous, DateTimeOffset previousAt, long? current, DateTimeOffset currentAt)
    {
        if (previous is not { } p || current is not { } c)
        {
            return null;
        }

        var seconds = (currentAt - previousAt).TotalSeconds;
        if (seconds <= 0 || c < p)
        {
            return null; // a restart resets counters: no rate rather than a negative one
        }

        return (c - p) / seconds;
    }

    /// <summary>
    /// Share of wall time the node was paused by flow control between two samples, in percent,
    /// from the cumulative wsrep_flow_control_paused_ns counter.
    /// </summary>
    public static double? PausedPercent(long? previousPausedNs, DateTimeOffset previousAt, long? currentPausedNs, DateTimeOffset currentAt)
    {
        var nsPerSecond = PerSecond(previousPausedNs, previousAt, currentPausedNs, currentAt);
        return nsPerSecond is { } rate ? Math.Clamp(rate / 1e9 * 100, 0, 100) : null;
    }

    /// <summary>
    /// Total growth of a counter over consecutive samples, a drop (restart) counting as growth from
    /// zero, as Prometheus' increase() does.
    /// </summary>
    public static long Increase(IEnumerable<long> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        long increase = 0;
        long? previous = null;
        foreach (var current in samples)
        {
            if (previous is { } p)
            {
                increase += current >= p ? current - p : current;
            }

            previous = current;
        }

        return increase;
    }
}
