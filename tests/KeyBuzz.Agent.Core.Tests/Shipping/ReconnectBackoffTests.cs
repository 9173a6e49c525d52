using KeyBuzz.Agent.Core.Shipping;

namespace KeyBuzz.Agent.Core.Tests.Shipping;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(0, 0.0, 125)]
    [InlineData(0, 1.0, 250)]
    [InlineData(1, 1.0, 500)]
    [InlineData(3, 0.0, 1000)]
    [InlineData(10, 1.0, 10_000)]
    [InlineData(10, 0.0, 5_000)]
    [InlineData(1000, 0.5, 7_500)]
    public void Doubles_up_to_the_cap_with_equal_jitter(int attempt, double jitter, double expectedMs) =>
        Assert.Equal(expectedMs, ReconnectBackoff.Delay(attempt, Initial, Max, jitter).TotalMilliseconds, 3);
}
