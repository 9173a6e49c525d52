namespace KeyBuzz.Collector.Core.History;

/// <summary>
/// Groups time-ordered values into buckets aligned on multiples of the step (so the same query gives
/// the same buckets whenever it runs), as Prometheus range queries align on the step.
/// </summary>
public static class StepAggregator
{
    public static IReadOnlyList<Bucket> Aggregate(IEnumerable<(long AtUnixMs, double Value)> points, long stepMs)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepMs, 1);
        return Merge(points.Select(p => new Bucket(p.AtUnixMs, p.Value, p.Value, p.Value, p.Value, 1)), stepMs);
    }

    /// <summary>Re-buckets finer aggregates (e.g. stored one-minute buckets) at a coarser step.</summary>
    public static IReadOnlyList<Bucket> Merge(IEnumerable<Bucket> buckets, long stepMs)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentOutOfRangeException.ThrowIfLessThan(stepMs, 1);
        var result = new List<Bucket>();
        foreach (var b in buckets.Where(b => b.Count > 0 && !double.IsNaN(b.Avg)).OrderBy(b => b.StartUnixMs))
        {
            var start = b.StartUnixMs - (((b.StartUnixMs % stepMs) + stepMs) % stepMs);
            if (result.Count > 0 && result[^1].StartUnixMs == start)
            {
                result[^1] = result[^1].Merge(b);
            }
            else
            {
                result.Add(b with { StartUnixMs = start });
            }
        }

        return result;
    }
}
