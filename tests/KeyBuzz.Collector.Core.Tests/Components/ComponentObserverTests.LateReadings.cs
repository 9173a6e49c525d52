using KeyBuzz.Collector.Core.Components;
using static KeyBuzz.Collector.Core.Tests.Readings;

namespace KeyBuzz.Collector.Core.Tests.Components;

/// <summary>Readings of different nodes arriving out of time order: agents resend what they buffered while the collector was away.</summary>
public sealed partial class ComponentObserverTests
{
    private const string N12 = "127.0.0.11:3306,127.0.0.12:3306";
    private const string N13 = "127.0.0.11:3306,127.0.0.13:3306";
    private const string N123 = "127.0.0.11:3306,127.0.0.12:3306,127.0.0.13:3306";

    [Fact]
    public void Readings_replayed_after_a_collector_restart_behind_a_newer_live_one_are_history_not_a_fork()
    {
        // Full outage, node1 bootstrapped at 100; the collector dies. node1+node3 (conf 1), then all
        // three (conf 2), then node1+node2 (conf 3, node3 killed) commit on to 400. The collector comes
        // back: node2's new agent reports live first, node1's and node3's agents then resend their buffers.
        var ledger = Fold([
            .. Healthy(),
            ("node1", Down(2, 2)), ("node2", Down(2, 2)), ("node3", Down(2, 2)),
            ("node1", Primary(5, 100, 1, size: 1)),
            ("node2", Primary(40, 400, 3, size: 2, addresses: N12)),
            ("node1", Primary(6, 130, 1, size: 2, addresses: N13)), ("node3", Primary(6.2, 130, 1, size: 2, addresses: N13)),
            ("node1", Primary(20, 250, 2, size: 3, addresses: N123)), ("node3", Primary(20.1, 250, 2, size: 3, addresses: N123)),
            ("node1", Primary(39, 398, 3, size: 2, addresses: N12)),
        ]);

        Assert.Null(ledger.ActiveFork);
        Assert.Equal(["node1", "node2"], ledger.Latest!.Members);
        Assert.Equal(400, ledger.Latest.Committed);
        Assert.All(ledger.Components, c => Assert.Equal(ComponentVerdict.Legit, c.Verdict));
    }

    [Fact]
    public void A_fork_seen_only_in_a_replayed_reading_is_still_a_fork()
    {
        // node1 partitioned at 100; node2+node3 go on in conf 4; the collector dies; node1 is bootstrapped
        // alone by hand (seqno 100) while node2+node3 still commit. Back: node2 live first, then node1's buffer.
        var ledger = Fold([
            .. Healthy(),
            ("node1", NonPrimary(3, 100)), ("node2", Primary(8, 200, 4, size: 2)), ("node3", Primary(8, 200, 4, size: 2)),
            ("node2", Primary(40, 500, 4, size: 2)),
            ("node1", Primary(12, 100, 1, size: 1)),
        ]);

        var fork = Assert.IsType<ForkFinding>(ledger.ActiveFork);
        Assert.Equal(["node1"], fork.ForkNodes);
        Assert.Equal(["node2", "node3"], ledger.Latest!.Members);
    }

    [Fact]
    public void A_new_component_whose_first_reading_a_skewed_clock_dates_before_the_latest_becomes_the_latest_once_the_members_are_in_it()
    {
        // node2's clock runs 300 ms behind node1's: it dates conf 5 (node3 back) before node1 first saw conf 4.
        var ledger = Fold([
            .. Healthy(),
            ("node3", Down(2, 2)),
            ("node1", Primary(5.0, 120, 4, size: 2, addresses: N12)),
            ("node2", Primary(4.8, 121, 4, size: 2, addresses: N12)),
            ("node2", Primary(4.9, 125, 5, size: 3, addresses: N123)),
            ("node1", Primary(5.3, 126, 5, size: 3, addresses: N123)),
        ]);

        Assert.Null(ledger.ActiveFork);
        Assert.Equal(5, ledger.Latest!.ConfId);
        Assert.Equal(126, ledger.Latest.Committed);
    }
}
