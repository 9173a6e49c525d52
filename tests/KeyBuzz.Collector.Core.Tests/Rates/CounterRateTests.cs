using KeyBuzz.Collector.Core.Rates;

namespace KeyBuzz.Collector.Core.Tests.Rates;

public sealed class CounterRateTests
{
    private static readonly DateTimeOffset T = Readings.T0;

    [Theory]
    [InlineData(100L, 300L, 2.0, 100.0)]
    [InlineData(5L, 5L, 1.0, 0.0)]
    public void Rate_is_change_per_second(long previous, long current, double seconds, double expected) =>
        Assert.Equal(expected, CounterRate.PerSecond(previous, T, current, T.AddSeconds(seconds)));

    [Theory]
    [InlineData(null, 5L, 1.0)]
    [InlineData(5L, null, 1.0)]
    [InlineData(500L, 10L, 1.0)]
    [InlineData(1L, 2L, 0.0)]
    [InlineData(1L, 2L, -1.0)]
    public void Unknowable_rates_are_null(long? previous, long? current, double seconds) =>
        Assert.Null(CounterRate.PerSecond(previous, T, current, T.AddSeconds(seconds)));

    [Theory]
    [InlineData(0L, 250_000_000L, 1.0, 25.0)]
    [InlineData(0L, 500_000_000L, 2.0, 25.0)]
    [InlineData(0L, 0L, 1.0, 0.0)]
    [InlineData(0L, 3_000_000_000L, 1.0, 100.0)]
    public void Paused_percent_is_paused_time_over_wall_time(long previousNs, long currentNs, double seconds, double expected) =>
        Assert.Equal(expected, CounterRate.PausedPercent(previousNs, T, currentNs, T.AddSeconds(seconds))!.Value, 6);
}
