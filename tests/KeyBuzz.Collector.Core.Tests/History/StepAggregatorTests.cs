using KeyBuzz.Collector.Core.History;

namespace KeyBuzz.Collector.Core.Tests.History;

public sealed class StepAggregatorTests
{
    [Fact]
    public void Buckets_align_on_the_step_and_aggregate()
    {
        var points = new (long, double)[] { (60_000, 1), (61_000, 3), (119_999, 2), (120_000, 10) };

        var buckets = StepAggregator.Aggregate(points, 60_000);

        Assert.Equal(2, buckets.Count);
        Assert.Equal(new Bucket(60_000, 2, 1, 3, 2, 3), buckets[0]);
        Assert.Equal(new Bucket(120_000, 10, 10, 10, 10, 1), buckets[1]);
    }

    [Fact]
    public void Minute_buckets_merge_into_coarser_steps_weighted_by_count()
    {
        var minutes = new[] { new Bucket(0, 1, 0, 2, 2, 60), new Bucket(60_000, 4, 3, 5, 3, 20), new Bucket(300_000, 7, 7, 7, 7, 60) };

        var buckets = StepAggregator.Merge(minutes, 300_000);

        Assert.Equal(2, buckets.Count);
        Assert.Equal(0, buckets[0].StartUnixMs);
        Assert.Equal(1.75, buckets[0].Avg, 6); // (60*1 + 20*4) / 80
        Assert.Equal(0, buckets[0].Min);
        Assert.Equal(5, buckets[0].Max);
        Assert.Equal(3, buckets[0].Last);
        Assert.Equal(80, buckets[0].Count);
    }

    [Fact]
    public void Empty_input_gives_no_buckets() => Assert.Empty(StepAggregator.Aggregate([], 1000));
}
