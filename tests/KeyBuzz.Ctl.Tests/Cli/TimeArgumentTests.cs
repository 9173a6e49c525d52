using KeyBuzz.Ctl.Cli;

namespace KeyBuzz.Ctl.Tests.Cli;

public sealed class TimeArgumentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("1.5m", 90)]
    public void Durations_are_ago(string text, double seconds) =>
        Assert.Equal(Now.AddSeconds(-seconds), TimeArgument.Parse(text, Now, "--since"));

    [Fact]
    public void Absolute_times_are_utc_unless_told() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero), TimeArgument.Parse("2026-11-25T10:00:00", Now, "--since"));

    [Theory]
    [InlineData("ten minutes")]
    [InlineData("10x")]
    [InlineData("-5m")]
    public void Nonsense_is_a_usage_error_that_shows_examples(string text) =>
        Assert.Contains("30s, 10m, 2h, 1d", Assert.Throws<UsageException>(() => TimeArgument.Parse(text, Now, "--since")).Message, StringComparison.Ordinal);
}
