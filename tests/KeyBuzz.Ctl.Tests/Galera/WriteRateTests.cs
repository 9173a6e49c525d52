using KeyBuzz.Ctl.Galera;

namespace KeyBuzz.Ctl.Tests.Galera;

public sealed class WriteRateTests
{
    private const long Minute = 60_000;

    private static List<WriteRate.Sample> Counter(params double[] lastPerMinute) =>
        [.. lastPerMinute.Select((v, i) => new WriteRate.Sample(i * Minute, v))];

    [Fact]
    public void Steady_rate_of_both_counters_adds_up()
    {
        var replicated = Counter(0, 60_000, 120_000, 180_000); // 1000 B/s
        var received = Counter(0, 120_000, 240_000, 360_000);  // 2000 B/s
        Assert.Equal(3000, WriteRate.PeakBytesPerSecond([replicated, received], TimeSpan.FromHours(1))!.Value, 3);
    }

    [Fact]
    public void Peak_hour_wins_over_the_average()
    {
        var quiet = Enumerable.Range(0, 120).Select(i => (double)i * 6_000);          // 100 B/s for 2 h
        var busy = Enumerable.Range(1, 60).Select(i => 119 * 6_000 + (double)i * 600_000); // then 10 kB/s for 1 h
        var peak = WriteRate.PeakBytesPerSecond([Counter([.. quiet, .. busy])], TimeSpan.FromHours(1))!.Value;
        Assert.Equal(10_000, peak, 0);
    }

    [Fact]
    public void A_restart_resets_the_counter_without_a_negative_rate()
    {
        var peak = WriteRate.PeakBytesPerSecond([Counter(0, 60_000, 120_000, 60_000, 120_000)], TimeSpan.FromHours(1))!.Value;
        Assert.Equal(1000, peak, 0);
    }

    [Fact]
    public void One_bucket_is_not_a_rate() => Assert.Null(WriteRate.PeakBytesPerSecond([Counter(5)], TimeSpan.FromHours(1)));

    [Theory]
    [InlineData(1024 * 1024, 1, 3648)]   // 1 MiB/s for 1 h = 3600 MiB → 3648 (64 MiB steps)
    [InlineData(10, 4, 128)]             // tiny rates still get 128 MiB
    public void Gcache_holds_the_window_at_the_peak_rate(double bytesPerSecond, double hours, long expectedMib) =>
        Assert.Equal(expectedMib, WriteRate.GcacheMib(bytesPerSecond, TimeSpan.FromHours(hours)));
}
