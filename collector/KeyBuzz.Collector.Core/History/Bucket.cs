namespace KeyBuzz.Collector.Core.History;

/// <summary>Aggregate of one metric over [StartUnixMs, StartUnixMs + step).</summary>
public sealed record Bucket(long StartUnixMs, double Avg, double Min, double Max, double Last, long Count)
{
    /// <summary>Combines two aggregates of adjacent or overlapping periods (Last from the later one).</summary>
    public Bucket Merge(Bucket later)
    {
        ArgumentNullException.ThrowIfNull(later);
        var count = Count + later.Count;
        return new Bucket(StartUnixMs, ((Avg * Count) + (later.Avg * later.Count)) / count, Math.Min(Min, later.Min), Math.Max(Max, later.Max), later.Last, count);
    }
}
