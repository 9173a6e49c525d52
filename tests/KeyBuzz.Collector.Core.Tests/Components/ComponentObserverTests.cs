using KeyBuzz.Collector.Core.Components;
using KeyBuzz.Collector.Core.Readings;
using static KeyBuzz.Collector.Core.Tests.Readings;

namespace KeyBuzz.Collector.Core.Tests.Components;

/// <summary>Timelines of readings as agents send them, folded into the ledger the way ingest does.</summary>
public sealed partial class ComponentObserverTests
{
    private const string U = "uuid-a";

    private static NodeReading Primary(double at, long committed, long conf, long size = 3, string uuid = U, string state = "Synced", long recvQueue = 0, string addresses = "")
    {
        var reading = Synced(1, at, lastCommitted: committed, stateUuid: uuid, confId: conf, size: size);
        var status = new Dictionary<string, string>(reading.Status) { ["wsrep_local_state_comment"] = state, ["wsrep_local_recv_queue"] = $"{recvQueue}", ["wsrep_incoming_addresses"] = addresses };
        return reading with { Status = status };
    }

    private static NodeReading NonPrimary(double at, long committed) =>
        Node(1, at, new Dictionary<string, string> { ["wsrep_cluster_status"] = "non-Primary", ["wsrep_local_state_comment"] = "Initialized", ["wsrep_last_committed"] = $"{committed}" });

    private static ComponentLedger Fold(IEnumerable<(string Node, NodeReading Reading)> timeline, IReadOnlyList<HumanBootstrap>? humans = null) =>
        timeline.Aggregate(ComponentLedger.Empty, (ledger, step) => ComponentObserver.Observe(ledger, step.Node, step.Reading, humans ?? []));

    /// <summary>Three nodes Synced in conf 3, committing up to seqno 100.</summary>
    private static IEnumerable<(string, NodeReading)> Healthy() =>
    [
        ("node1", Primary(0, 90, 3)), ("node2", Primary(0, 90, 3)), ("node3", Primary(0, 90, 3)),
        ("node1", Primary(1, 100, 3)), ("node2", Primary(1, 99, 3)), ("node3", Primary(1, 98, 3)),
    ];

    [Fact]
    public void A_healthy_cluster_is_one_legit_component_with_its_high_water()
    {
        var ledger = Fold(Healthy());

        var latest = Assert.Single(ledger.Components);
        Assert.Equal(ComponentVerdict.Legit, latest.Verdict);
        Assert.Equal(["node1", "node2", "node3"], latest.Members);
        Assert.Equal(100, latest.Committed);
        Assert.Null(ledger.ActiveFork);
    }

    [Fact]
    public void A_node_that_left_is_provably_behind_once_every_member_of_the_new_component_is_known()
    {
        var ledger = Fold([.. Healthy(), ("node3", Down(2, 2)), ("node1", Primary(7, 130, 4, size: 2))]);
        Assert.False(ledger.ProvablyBehind("node3")); // node2 not seen in conf 4 yet: node3 could be the unseen member

        ledger = ComponentObserver.Observe(ledger, "node2", Primary(7.2, 130, 4, size: 2), []);

        Assert.True(ledger.ProvablyBehind("node3"));
        Assert.False(ledger.ProvablyBehind("node1"));
        Assert.Equal(130, ledger.Latest!.Committed);
    }

    [Fact]
    public void A_stale_survivor_re_forming_its_old_view_is_a_forked_history()
    {
        // node1 partitioned (non-Primary at 100); node2 and node3 go on to 270 in conf 4; both die; node1 re-merges its old view.
        var ledger = Fold([
            .. Healthy(),
            ("node1", NonPrimary(3, 100)), ("node2", Primary(8, 200, 4, size: 2)), ("node3", Primary(8, 200, 4, size: 2)),
            ("node2", Primary(11, 270, 4, size: 2)), ("node3", Primary(11, 270, 4, size: 2)),
            ("node2", Down(2, 12)), ("node3", Down(2, 12)),
            ("node1", Primary(20, 100, 5, size: 1)),
        ]);

        var fork = Assert.IsType<ForkFinding>(ledger.ActiveFork);
        Assert.Equal(["node1"], fork.ForkNodes);
        Assert.Equal(["node2", "node3"], fork.NewerDataNodes);
        Assert.Equal((100, 270), (fork.StartedAt, fork.HighWater));
        Assert.Contains("lacks 170 commits", fork.Reason, StringComparison.Ordinal);
        Assert.StartsWith("FORKED HISTORY: node1 serves", fork.Headline, StringComparison.Ordinal);
        Assert.True(ledger.ServedFork("node1"));
        Assert.Equal(["node2", "node3"], ledger.Latest!.Members); // the newer history stays the latest
    }

    [Fact]
    public void A_split_brain_with_the_same_conf_id_is_two_components_and_the_stale_side_a_fork()
    {
        // pc.bootstrap on the stale partition: node1 becomes Primary with the conf_id node2 and node3 already have.
        const string Newer = "10.0.0.12:3306,10.0.0.13:3306";
        var ledger = Fold([
            .. Healthy(),
            ("node1", NonPrimary(3, 100)), ("node2", Primary(8, 200, 4, size: 2, addresses: Newer)), ("node3", Primary(8, 200, 4, size: 2, addresses: "10.0.0.13:3306, 10.0.0.12:3306")),
            ("node1", Primary(12, 100, 4, size: 1, addresses: "10.0.0.11:3306")), ("node2", Primary(12, 230, 4, size: 2, addresses: Newer)),
        ]);

        Assert.Equal(["node1"], ledger.ActiveFork!.ForkNodes);
        Assert.Equal(["node2", "node3"], ledger.Latest!.Members);
        Assert.Equal(230, ledger.Latest.Committed);
        Assert.Equal(3, ledger.Components.Count);
    }

    [Fact]
    public void Writes_on_the_fork_do_not_make_it_legit_later()
    {
        var ledger = Fold([
            .. Healthy(),
            ("node1", NonPrimary(3, 100)), ("node2", Primary(8, 270, 4, size: 2)), ("node3", Primary(8, 270, 4, size: 2)),
            ("node2", Down(2, 12)), ("node3", Down(2, 12)),
            ("node1", Primary(20, 100, 5, size: 1)), ("node1", Primary(21, 400, 5, size: 1)),
        ]);

        Assert.Equal(ComponentVerdict.Forked, ledger.Components.Single(c => c.ConfId == 5).Verdict);
        Assert.NotNull(ledger.ActiveFork);
        Assert.Equal(270, ledger.Latest!.Committed);
    }

    [Fact]
    public void A_bootstrap_from_the_most_advanced_node_continues_the_history()
    {
        var ledger = Fold([
            .. Healthy(), ("node1", Down(2, 5)), ("node2", Down(2, 5)), ("node3", Down(2, 5)),
            ("node2", Primary(30, 100, 1, size: 1)), ("node2", Primary(33, 104, 2, size: 2)), ("node1", Primary(33, 104, 2, size: 2)),
        ]);

        Assert.Null(ledger.ActiveFork);
        Assert.Equal((2L, 104L), (ledger.Latest!.ConfId, ledger.Latest.Committed));
        Assert.True(ledger.ProvablyBehind("node3")); // the history went on without it, from a node holding every commit
        Assert.Equal(3, ledger.Components.Count);
    }

    [Fact]
    public void A_bootstrapped_empty_node_is_a_forked_history_whatever_uuid_it_takes()
    {
        var sameUuid = Fold([.. Healthy(), ("node1", Down(2, 5)), ("node2", Down(2, 5)), ("node3", Down(2, 5)), ("node1", Primary(30, 0, 1, size: 1))]);
        var newUuid = Fold([.. Healthy(), ("node1", Down(2, 5)), ("node2", Down(2, 5)), ("node3", Down(2, 5)), ("node1", Primary(30, 1, 1, size: 1, uuid: "uuid-new"))]);

        Assert.Contains("below seqno 100", sameUuid.ActiveFork!.Reason, StringComparison.Ordinal);
        Assert.Contains("another cluster history", newUuid.ActiveFork!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bootstrap_a_human_forced_below_the_high_water_is_taken_as_the_history_going_on()
    {
        var human = new HumanBootstrap("node1", U, 80, "g-1", "forced", T0.AddSeconds(29));
        var ledger = Fold([.. Healthy(), ("node1", Down(2, 5)), ("node2", Down(2, 5)), ("node3", Down(2, 5)), ("node1", Primary(30, 80, 1, size: 1))], [human]);

        Assert.Null(ledger.ActiveFork);
        Assert.Contains("given up by that decision", ledger.Latest!.Reason, StringComparison.Ordinal);
        Assert.Equal(80, ledger.Latest.Committed);
        Assert.Contains("g-1", ledger.ConsumedGrants);
    }

    [Fact]
    public void A_member_of_the_latest_component_lagging_by_apply_gets_a_second_reading()
    {
        var lagging = Fold([.. Healthy(), ("node3", Down(2, 2)), ("node1", Primary(3, 99, 4, size: 2))]);
        Assert.Null(lagging.ActiveFork);
        Assert.Equal(ComponentVerdict.Pending, lagging.Components.Single(c => c.ConfId == 4).Verdict);

        var caughtUp = ComponentObserver.Observe(lagging, "node1", Primary(4, 101, 4, size: 2), []);

        Assert.Equal(ComponentVerdict.Legit, caughtUp.Latest!.Verdict);
        Assert.Equal(4, caughtUp.Latest.ConfId);
    }

    [Fact]
    public void A_joiner_still_applying_proves_nothing_either_way()
    {
        var ledger = Fold([.. Healthy(), ("node1", Down(2, 5)), ("node2", Down(2, 5)), ("node3", Down(2, 5)), ("node3", Primary(30, 10, 1, size: 1, state: "Joining"))]);

        Assert.Null(ledger.ActiveFork);
        Assert.Equal(ComponentVerdict.Pending, ledger.Components[^1].Verdict);
    }

    [Fact]
    public void A_node_last_seen_before_a_latest_component_not_all_of_whose_members_were_seen_is_not_proven_behind()
    {
        var ledger = Fold([.. Healthy(), ("node3", Down(2, 2)), ("node1", Primary(7, 130, 4, size: 3))]);

        Assert.False(ledger.ProvablyBehind("node3"));
        Assert.False(ledger.Latest!.MembersComplete);
    }

    [Fact]
    public void A_sampler_glitch_does_not_make_a_new_component()
    {
        var glitch = Node(1, 2, new Dictionary<string, string>(), running: true, sql: false);
        var ledger = Fold([.. Healthy(), ("node1", glitch), ("node1", Primary(3, 110, 3))]);

        Assert.Single(ledger.Components);
    }

    [Fact]
    public void Acknowledging_a_fork_that_still_serves_makes_it_the_history()
    {
        var forked = Fold([
            .. Healthy(), ("node1", NonPrimary(3, 100)), ("node2", Primary(8, 270, 4, size: 2)), ("node3", Primary(8, 270, 4, size: 2)),
            ("node2", Down(2, 12)), ("node3", Down(2, 12)), ("node1", Primary(20, 100, 5, size: 1)),
        ]);

        var resolved = ComponentObserver.Acknowledge(forked, "an operator");

        Assert.Null(resolved.ActiveFork);
        Assert.True(resolved.Fork!.Acknowledged);
        Assert.Equal(["node1"], resolved.Latest!.Members);
        Assert.False(resolved.ServedFork("node1"));
    }
}
