using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Core.Tests.View;

public sealed class ClusterViewReducerTests
{
    private static readonly ClusterView Empty = ClusterView.Empty("kblab");

    [Fact]
    public void First_reading_creates_the_node_without_a_rate()
    {
        var view = ClusterViewReducer.Apply(Empty, "node1", Readings.Agent, Readings.Synced(1, 0), Readings.T0);

        var node = view.Nodes["node1"];
        Assert.Equal(1UL, node.Latest.Seq);
        Assert.Null(node.FlowControlPausedPercent);
        Assert.Equal(Readings.T0, node.LastSeen);
    }

    [Fact]
    public void Next_reading_replaces_the_latest_and_yields_the_flow_control_rate()
    {
        var view = ClusterViewReducer.Apply(Empty, "node1", Readings.Agent, Readings.Synced(1, 0, pausedNs: 1_000_000_000), Readings.T0);

        view = ClusterViewReducer.Apply(view, "node1", Readings.Agent, Readings.Synced(2, 1, pausedNs: 1_400_000_000), Readings.T0.AddSeconds(1));

        Assert.Equal(2UL, view.Nodes["node1"].Latest.Seq);
        Assert.Equal(40.0, view.Nodes["node1"].FlowControlPausedPercent!.Value, 6);
    }

    [Fact]
    public void A_resent_older_reading_keeps_the_newest_but_counts_as_contact()
    {
        var view = ClusterViewReducer.Apply(Empty, "node1", Readings.Agent, Readings.Synced(5, 5), Readings.T0.AddSeconds(5));

        view = ClusterViewReducer.Apply(view, "node1", Readings.Agent, Readings.Synced(3, 3), Readings.T0.AddSeconds(9));

        Assert.Equal(5UL, view.Nodes["node1"].Latest.Seq);
        Assert.Equal(Readings.T0.AddSeconds(9), view.Nodes["node1"].LastSeen);
    }

    [Fact]
    public void A_crash_shows_as_down_in_the_next_reading()
    {
        var view = ClusterViewReducer.Apply(Empty, "node2", Readings.Agent, Readings.Synced(1, 0), Readings.T0);

        view = ClusterViewReducer.Apply(view, "node2", Readings.Agent, Readings.Down(2, 1), Readings.T0.AddSeconds(1));

        Assert.False(view.Nodes["node2"].Latest.MariadbRunning);
        Assert.Null(view.Nodes["node2"].FlowControlPausedPercent);
    }

    [Fact]
    public void Updates_leave_earlier_snapshots_untouched()
    {
        var before = ClusterViewReducer.Apply(Empty, "node1", Readings.Agent, Readings.Synced(1, 0), Readings.T0);

        var after = ClusterViewReducer.Apply(before, "node2", Readings.Agent, Readings.Synced(1, 0), Readings.T0);

        Assert.Single(before.Nodes);
        Assert.Equal(2, after.Nodes.Count);
    }
}
