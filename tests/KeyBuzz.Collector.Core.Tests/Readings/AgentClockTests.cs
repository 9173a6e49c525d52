using KeyBuzz.Collector.Core.Readings;

// Not ...Tests.Readings: that name is the tests' reading builder.
namespace KeyBuzz.Collector.Core.Tests.ReadingTime;

public sealed class AgentClockTests
{
    private static readonly DateTimeOffset Arrived = new(2026, 12, 2, 3, 0, 10, TimeSpan.Zero);

    public static TheoryData<string, double, double?, double> Cases => new()
    {
        // name, sampled (s, agent clock, from 03:00:00), batch sent (s, agent clock), expected (s, collector clock)
        { "live reading, same clocks", 9.5, 10.0, 9.5 },
        { "live reading, agent clock one hour behind", 9.5 - 3600, 10.0 - 3600, 9.5 },
        { "live reading, agent clock 5 min ahead", 9.5 + 300, 10.0 + 300, 9.5 },
        { "buffered 40 s while the collector was away", -30, 10.0, -30 },
        { "buffered, and a clock 20 s behind", -50, -10, -30 },
        { "sampled after it was sent (broken clock): no later than arrival", 12, 10, 10 },
        { "older agent without a send time: its own clock", 9.5 - 3600, null, 9.5 - 3600 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_reading_is_dated_by_its_age_on_the_agent_clock(string name, double sampled, double? sent, double expected)
    {
        var t0 = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
        var at = AgentClock.CollectorTime(t0.AddSeconds(sampled), sent is { } s ? t0.AddSeconds(s) : null, Arrived);

        Assert.True(Math.Abs((at - t0.AddSeconds(expected)).TotalMilliseconds) < 1, $"{name}: {at:O}");
    }
}
