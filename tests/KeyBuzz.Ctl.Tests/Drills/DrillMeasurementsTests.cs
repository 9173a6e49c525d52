using KeyBuzz.Ctl.Drills;

namespace KeyBuzz.Ctl.Tests.Drills;

public sealed class DrillMeasurementsTests
{
    private static DrillMeasurements Result(Dictionary<string, int> lost, TimeSpan? rejoin = null, string? problem = null) =>
        new("mariadb-node", "node2", 400, 3, ["Connection refused"], TimeSpan.FromSeconds(1.2), lost, rejoin ?? TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(10), problem);

    [Fact]
    public void Passes_only_with_zero_lost_on_every_node_and_the_node_back()
    {
        Assert.True(Result(new() { ["a"] = 0, ["b"] = 0 }).Passed);
        Assert.False(Result(new() { ["a"] = 0, ["b"] = 2 }).Passed);
        Assert.False(Result(new() { ["a"] = 0, ["b"] = -1 }).Passed); // a node that cannot be read proves nothing
        Assert.False(new DrillMeasurements("mariadb-node", "node2", 400, 0, [], TimeSpan.Zero, new Dictionary<string, int> { ["a"] = 0 }, null, null, null).Passed);
        Assert.False(Result(new() { ["a"] = 0 }, problem: "refused").Passed);
    }

    [Fact]
    public void Report_names_gap_errors_lost_writes_and_rejoin_time()
    {
        var report = Result(new() { ["127.0.0.11:3306"] = 0, ["127.0.0.12:3306"] = -1 }).Report();
        Assert.Contains("longest write gap        1.20 s", report, StringComparison.Ordinal);
        Assert.Contains("client errors            3 (Connection refused)", report, StringComparison.Ordinal);
        Assert.Contains("missing on 127.0.0.12:3306: could not be read", report, StringComparison.Ordinal);
        Assert.Contains("back Synced after start  6.00 s", report, StringComparison.Ordinal);
        Assert.StartsWith("FAILED", Result(new() { ["a"] = 1 }).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_splits_the_gap_by_phase_and_names_Galeras_own_pause_on_the_direct_writer()
    {
        var phases = new DrillPhaseGaps(TimeSpan.FromSeconds(1.01), TimeSpan.FromSeconds(2.95), TimeSpan.FromSeconds(1.55), TimeSpan.FromSeconds(0.06), "node2", TimeSpan.FromSeconds(1.00));
        var report = (Result(new() { ["a"] = 0 }) with { Phases = phases }).Report();
        Assert.Contains("    until the stop         0.06 s (the planned switchover, drained)", report, StringComparison.Ordinal);
        Assert.Contains("    until the start        1.01 s (from +2.95s)", report, StringComparison.Ordinal);
        Assert.Contains("    from the start         1.55 s", report, StringComparison.Ordinal);
        Assert.Contains("  direct on node2          1.00 s until the start", report, StringComparison.Ordinal);

        var withoutProxy = (Result(new() { ["a"] = 0 }) with { Phases = new DrillPhaseGaps(TimeSpan.FromSeconds(0.5), null, TimeSpan.FromSeconds(1)) }).Report();
        Assert.DoesNotContain("until the stop", withoutProxy, StringComparison.Ordinal);
        Assert.DoesNotContain("direct on", withoutProxy, StringComparison.Ordinal);
    }

    [Fact]
    public void Longest_gap_between_acknowledgements()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(900), DrillMeasurements.LongestGap([TimeSpan.FromMilliseconds(0), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(950), TimeSpan.FromMilliseconds(1000)]));
        TimeSpan[] acks = [TimeSpan.FromMilliseconds(0), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(950), TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1200)];
        Assert.Equal((TimeSpan.FromMilliseconds(900), TimeSpan.FromMilliseconds(50)), DrillMeasurements.LongestGap(acks, TimeSpan.MinValue, TimeSpan.MaxValue));
        // A gap belongs to the phase its first acknowledgement falls in.
        Assert.Equal((TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(1000)), DrillMeasurements.LongestGap(acks, TimeSpan.FromMilliseconds(60), TimeSpan.MaxValue));
        Assert.Equal((TimeSpan.FromMilliseconds(50), TimeSpan.Zero), DrillMeasurements.LongestGap(acks, TimeSpan.MinValue, TimeSpan.FromMilliseconds(50)));
        Assert.Equal((TimeSpan.Zero, (TimeSpan?)null), DrillMeasurements.LongestGap([TimeSpan.Zero], TimeSpan.MinValue, TimeSpan.MaxValue));
    }
}
