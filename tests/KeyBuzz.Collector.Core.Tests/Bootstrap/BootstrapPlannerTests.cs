using KeyBuzz.Collector.Core.Bootstrap;
using static KeyBuzz.Collector.Core.Tests.Bootstrap.Evidence;

namespace KeyBuzz.Collector.Core.Tests.Bootstrap;

/// <summary>One named case per rule of galera.md §0.5 and §6 (items 1–8).</summary>
public sealed class BootstrapPlannerTests
{
    public static TheoryData<string, ClusterEvidence, DecisionKind, string, string?> Cases => new()
    {
        // §0.5.1: a Primary node exists somewhere.
        { "R1 one node still Primary", Cluster(Primary("node1"), Down("node2", 10), Down("node3", 10)), DecisionKind.NoOutage, "R1-primary-exists", null },
        // §0.5.2 / §6.7: silence is not evidence; the silent node may be alive on the other side.
        { "R2 waiting node with a silent peer", Cluster(Waiting("node1"), Waiting("node2"), Silent("node3")), DecisionKind.Wait, "R2-partition-possible", null },
        // §0.5.3: every former member must report.
        { "R3 member not reporting", Cluster(Down("node1", 10), Down("node2", 12), Silent("node3")), DecisionKind.Wait, "R3-member-missing", null },
        { "R3 position still being recovered", Cluster(Down("node1", 10), Down("node2", 12), Down("node3")), DecisionKind.Wait, "R3-position-pending", null },
        // §6.2: history proves the silent node left the Primary Component earlier.
        { "R3 silent node proven behind by history", Cluster(Down("node1", 10, lastConf: 7), Down("node2", 12, lastConf: 7), Silent("node3", lastConf: 5)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        { "R3 silent node from another history proves nothing", Cluster(Down("node1", 10, lastConf: 7), Down("node2", 12, lastConf: 7), Silent("node3", lastConf: 5) with { LastPrimaryStateUuid = Other }), DecisionKind.Wait, "R3-member-missing", null },
        { "R3 silent node never seen Primary proves nothing", Cluster(Down("node1", 10, lastConf: 7), Down("node2", 12, lastConf: 7), Silent("node3", lastConf: null)), DecisionKind.Wait, "R3-member-missing", null },
        // §0.5.4 / §6.1: different histories.
        { "R4 cluster UUIDs differ", Cluster(Down("node1", 10), Down("node2", 12, uuid: Other), Down("node3", 11)), DecisionKind.Refuse, "R4-uuid-mismatch", null },
        // §0.5.5 / §6.3: aborted SST is never a source; zero UUID with a recovered position is valid data.
        { "R5 aborted SST node is skipped", Cluster(Down("node1", 10), Down("node2", 12) with { SstInProgress = true }, Down("node3", 11)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node3" },
        { "R5 zero UUID in grastate but recovered position counts", Cluster(Down("node1", 10), Down("node2", 15) with { Grastate = new(true, Position.ZeroUuid, -1, false, null) }, Down("node3", 11)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        { "R5 nothing usable anywhere", Cluster(Down("node1", -1), Down("node2", -1)), DecisionKind.Refuse, "R5-no-usable-data", null },
        // §0.5.6: --wsrep-recover failed or prepared XA.
        { "R6 recovery failed", Cluster(Down("node1", 10), Down("node2") with { Recovered = new(U, -1, "mariadbd exited 1", false) }, Down("node3", 11)), DecisionKind.Refuse, "R6-recovery-failed", null },
        { "R6 prepared XA transactions", Cluster(Down("node1", 10), Down("node2") with { Recovered = new(U, 12, null, true) }, Down("node3", 11)), DecisionKind.Refuse, "R6-recovery-failed", null },
        // §0.5.7 / §6.2 / §6.6: regression below what was seen committed.
        { "R7 recovered max below observed high water", WithHighWater(20, Down("node1", 10), Down("node2", 12), Down("node3", 11)), DecisionKind.Refuse, "R7-regression", null },
        { "R7 recovered max equal to high water is fine", WithHighWater(12, Down("node1", 10), Down("node2", 12), Down("node3", 11)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        // §0.5.8 / §6.4: safe_to_bootstrap alone proves nothing.
        { "R8 safe_to_bootstrap on a less advanced node is ignored", Cluster(Clean("node1", 10, safe: true), Down("node2", 12), Down("node3", 11)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        { "R8 safe_to_bootstrap with seqno -1 is ignored", Cluster(Down("node1", 10, safe: true), Down("node2", 12), Down("node3", 11)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        { "R8 tie goes to the node with a real safe_to_bootstrap", Cluster(Down("node1", 12), Clean("node2", 12, safe: true), Down("node3", 12)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        // §0.5.9 / §6.8: pc.recovery reforms the component by itself.
        { "R9 all last members running: let pc.recovery work", Cluster(Waiting("node1"), Waiting("node2"), Waiting("node3")), DecisionKind.LetPcRecovery, "R9-pc-recovery", null },
        { "R9 one member still down: start it normally", Cluster(Waiting("node1"), Waiting("node2"), Down("node3", 10)), DecisionKind.StartNormally, "R9-complete-pc-recovery", null },
        { "R9 running without gvwstate cannot reform", Cluster(Waiting("node1", gvwstate: false), Down("node2", 10), Down("node3", 11)), DecisionKind.Refuse, "R9-no-saved-view", null },
        // Orderly stop and crash: the most advanced wins.
        { "orderly stop of all three", Cluster(Clean("node1", 30, safe: true), Clean("node2", 29), Clean("node3", 28)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node1" },
        { "kill-all with recovered positions", Cluster(Down("node1", 100), Down("node2", 102), Down("node3", 101)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        { "staggered crash: last one down wins even if it reports last", Cluster(Down("node1", 50, lastConf: 5), Down("node2", 60, lastConf: 6), Down("node3", 70, lastConf: 7)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node3" },
        // Maintenance: nothing is done to the node.
        { "best node in maintenance", Cluster(Down("node1", 10), Down("node2", 12) with { Maintenance = true }, Down("node3", 11)), DecisionKind.Refuse, "R11-maintenance", null },
        { "no agents at all", Cluster(), DecisionKind.Wait, "R3-no-evidence", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_by_the_named_rule(string name, ClusterEvidence evidence, DecisionKind kind, string rule, string? node)
    {
        var decision = BootstrapPlanner.Plan(evidence);

        Assert.True(kind == decision.Kind && rule == decision.Rule, $"{name}: got {decision.Kind}/{decision.Rule}: {decision.Reason}");
        Assert.Equal(node, decision.Node);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
        Assert.Equal(evidence.Nodes.Count, decision.Lines.Count);
    }

    [Fact]
    public void A_wait_names_what_it_waits_for_and_offers_the_best_present_node()
    {
        var decision = BootstrapPlanner.Plan(Cluster(Down("node1", 10), Down("node2", 12), Silent("node3")));

        Assert.Equal(["node3"], decision.WaitingFor);
        Assert.Equal("node2", decision.Candidate);
        Assert.Contains("node3 not reporting", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Bootstrap_carries_the_position_to_verify()
    {
        var decision = BootstrapPlanner.Plan(Cluster(Down("node1", 10), Down("node2", 12), Clean("node3", 11)));

        Assert.Equal(new Position(U, 12), decision.Position);
        Assert.Contains("--wsrep-recover", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_normally_lists_the_nodes_to_start()
    {
        var decision = BootstrapPlanner.Plan(Cluster(Waiting("node1"), Down("node2", 10), Down("node3", 11)));

        Assert.Equal(DecisionKind.StartNormally, decision.Kind);
        Assert.Equal(["node2", "node3"], decision.StartNodes);
    }

    [Fact]
    public void Plan_lines_explain_ignored_flags_and_proven_laggards()
    {
        var decision = BootstrapPlanner.Plan(Cluster(Down("node1", 10, safe: true, lastConf: 7), Down("node2", 12, lastConf: 7), Silent("node3", lastConf: 5)));

        Assert.Contains("safe_to_bootstrap=1 ignored", decision.Lines.Single(l => l.Node == "node1").Note, StringComparison.Ordinal);
        Assert.Contains("behind", decision.Lines.Single(l => l.Node == "node3").Note, StringComparison.Ordinal);
        Assert.Equal("--wsrep-recover", decision.Lines.Single(l => l.Node == "node2").PositionSource);
    }
}
