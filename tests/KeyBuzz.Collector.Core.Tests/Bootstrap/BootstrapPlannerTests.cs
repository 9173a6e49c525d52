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
        { "R3 silent node proven behind by history", Cluster(Down("node1", 10), Down("node2", 12), Silent("node3", NodeHistory.Behind)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        { "R3 silent node never seen Primary proves nothing", Cluster(Down("node1", 10), Down("node2", 12), Silent("node3", NodeHistory.Unknown)), DecisionKind.Wait, "R3-member-missing", null },
        { "R3 silent node left before a latest component not all of whose members were seen", Cluster(Down("node1", 10), Down("node2", 12), Silent("node3", NodeHistory.LeftBefore)), DecisionKind.Wait, "R3-member-missing", null },
        // Evidence is bound to the datadir it came from.
        { "stale evidence: the datadir changed since --wsrep-recover", Cluster(Stale("node1", 114), Down("node2", 110), Down("node3", 110)), DecisionKind.Wait, "R3-position-pending", null },
        { "grastate.dat alone is not a position (clean stop not yet confirmed by InnoDB)", Cluster(Down("node1", grastateSeqno: 30), Clean("node2", 29), Clean("node3", 28)), DecisionKind.Wait, "R3-position-pending", null },
        { "refused grant: its evidence decides nothing more", new ClusterEvidence("kblab", [Down("node1", 10), Down("node2", 12), Down("node3", 11)], null, null, new HashSet<string> { $"node2|{Datadir}@{RecoveredAt.ToUnixTimeMilliseconds()}" }), DecisionKind.Wait, "R3-position-pending", null },
        // A wiped node does not block recovery when history proves the others hold every commit.
        { "R5 empty datadir, history proves the best holds every commit", WithHighWater(114, Empty("node1"), Down("node2", 114), Down("node3", 113)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        { "R5 empty datadir with grastate.dat copied from a clean node is still empty", WithHighWater(114, Empty("node1", grastateSeqno: 114), Down("node2", 114), Down("node3", 113)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        { "R5 empty datadir without history: a human decides", Cluster(Empty("node1"), Down("node2", 114), Down("node3", 113)), DecisionKind.Refuse, "R5-empty-unproven", null },
        { "R7 empty datadir and the others below what was committed", WithHighWater(120, Empty("node1"), Down("node2", 114), Down("node3", 113)), DecisionKind.Refuse, "R7-regression", null },
        { "R5 every datadir empty", Cluster(Empty("node1"), Empty("node2"), Empty("node3")), DecisionKind.Refuse, "R5-no-usable-data", null },
        // grastate.dat that disagrees with InnoDB is a refusal for that node, not a fact.
        { "R15 disagreeing node below the best is not a candidate", Cluster(Down("node1", 10) with { Recovered = new(U, 10, null, false, Datadir, RecoveredAt, "grastate.dat says U:40") }, Down("node2", 12), Down("node3", 11)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        { "R15 disagreeing node above the best: a human decides", Cluster(Down("node1", 40) with { Recovered = new(U, 40, null, false, Datadir, RecoveredAt, "grastate.dat says U:44") }, Down("node2", 12), Down("node3", 11)), DecisionKind.Refuse, "R15-grastate-disagrees", null },
        // §0.5.4 / §6.1: different histories.
        { "R4 cluster UUIDs differ", Cluster(Down("node1", 10), Down("node2", 12, uuid: Other), Down("node3", 11)), DecisionKind.Refuse, "R4-uuid-mismatch", null },
        // §0.5.5 / §6.3: aborted SST is never a source; zero UUID with a recovered position is valid data.
        { "R5 aborted SST node is skipped", Cluster(Down("node1", 10), Down("node2", 12) with { SstInProgress = true }, Down("node3", 11)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node3" },
        { "R5 zero UUID in grastate but recovered position counts", Cluster(Down("node1", 10), Down("node2", 15) with { Grastate = new(true, Position.ZeroUuid, -1, false, null) }, Down("node3", 11)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        // §0.5.6: --wsrep-recover failed or prepared XA.
        { "R6 recovery failed", Cluster(Down("node1", 10), Down("node2") with { Recovered = new(U, -1, "mariadbd exited 1", false, Datadir, RecoveredAt) }, Down("node3", 11)), DecisionKind.Refuse, "R6-recovery-failed", null },
        { "R6 prepared XA transactions", Cluster(Down("node1", 10), Down("node2") with { Recovered = new(U, 12, null, true, Datadir, RecoveredAt) }, Down("node3", 11)), DecisionKind.Refuse, "R6-recovery-failed", null },
        // §0.5.7 / §6.2 / §6.6: regression below what was seen committed.
        { "R7 recovered max below observed high water", WithHighWater(20, Down("node1", 10), Down("node2", 12), Down("node3", 11)), DecisionKind.Refuse, "R7-regression", null },
        { "R7 recovered max equal to high water is fine", WithHighWater(12, Down("node1", 10), Down("node2", 12), Down("node3", 11)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        // §0.5.8 / §6.4: safe_to_bootstrap alone proves nothing.
        { "R8 safe_to_bootstrap on a less advanced node is ignored", Cluster(Clean("node1", 10, safe: true), Down("node2", 12), Down("node3", 11)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        { "R8 safe_to_bootstrap with seqno -1 is ignored", Cluster(Down("node1", 10, safe: true), Down("node2", 12), Down("node3", 11)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        { "R8 tie goes to the node with a real safe_to_bootstrap", Cluster(Down("node1", 12), Clean("node2", 12, safe: true), Down("node3", 12)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        // §0.5.9 / §6.8: pc.recovery reforms the component by itself, but only on the latest view.
        { "R9 all last members running: let pc.recovery work", Cluster(Waiting("node1"), Waiting("node2"), Waiting("node3")), DecisionKind.LetPcRecovery, "R9-pc-recovery", null },
        { "R9 one member still down: start it normally", Cluster(Waiting("node1"), Waiting("node2"), Down("node3", 10)), DecisionKind.StartNormally, "R9-complete-pc-recovery", null },
 { "R9 a wiped member can never complete pc.recovery: stop the running ones to bootstrap", WithHighWater(290, Waiting("node1"), Empty("node2", grastateSeqno: 290), Down("node3", 280, history: NodeHistory.Behind)), DecisionKind.Fence, "R9-pc-recovery-impossible", null },
        { "R9 pc.recovery given up in this round: the running members are stopped, not waited for", Cluster(Waiting("node1"), Waiting("node2"), Waiting("node3")) with { PcRecoveryFailed = true }, DecisionKind.Fence, "R9-pc-recovery-failed", null },
        { "R9 pc.recovery given up: a stopped member is never started to complete it", Cluster(Waiting("node1"), Down("node2", 10), Down("node3", 10)) with { PcRecoveryFailed = true }, DecisionKind.Fence, "R9-pc-recovery-failed", null },
        { "R9 pc.recovery given up and every member stopped: bootstrap the most advanced", Cluster(Down("node1", 12), Down("node2", 10), Down("node3", 11)) with { PcRecoveryFailed = true }, DecisionKind.Bootstrap, "bootstrap-most-advanced", "node1" },
        { "R9 a missing member's position not known yet: wait before starting it", Cluster(Waiting("node1"), Waiting("node2"), Stale("node3", 10)), DecisionKind.Wait, "R3-position-pending", null },
        { "R9 running without gvwstate cannot reform", Cluster(Waiting("node1", gvwstate: false), Down("node2", 10), Down("node3", 11)), DecisionKind.Refuse, "R9-no-saved-view", null },
        { "R14 stale survivor: a running node history proves behind is fenced first", WithHighWater(290, Waiting("node1", history: NodeHistory.Behind), Down("node2", 290), Down("node3", 290)), DecisionKind.Fence, "R14-fence-stale-view", null },
        { "R14 stale survivor is never completed by pc.recovery", WithHighWater(290, Waiting("node1", history: NodeHistory.Behind), Down("node2"), Down("node3")), DecisionKind.Fence, "R14-fence-stale-view", null },
        { "R14 stale survivor in maintenance: a human decides", WithHighWater(290, Waiting("node1", history: NodeHistory.Behind) with { Maintenance = true }, Down("node2", 290), Down("node3", 290)), DecisionKind.Refuse, "R11-maintenance", null },
        { "R9 running node that may be behind, history incomplete: no automatic pc.recovery", Cluster(Waiting("node1", history: NodeHistory.LeftBefore), Down("node2", 290), Down("node3", 290)), DecisionKind.Refuse, "R9-view-unproven", null },
        { "after the fence: bootstrap the latest members, the fenced node is behind", WithHighWater(290, Clean("node1", 120, history: NodeHistory.Behind), Down("node2", 290), Down("node3", 289)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        // A forked history stops automatic actions; a node that served it is never a source.
        { "R13 forked history: automatic actions stopped", new ClusterEvidence("kblab", [Down("node1", 10), Down("node2", 12), Down("node3", 11)], null, "FORKED HISTORY: …"), DecisionKind.Refuse, "R13-forked-history", null },
        { "a node that served a forked history is never the source", Cluster(Down("node1", 400, history: NodeHistory.ServedFork), Down("node2", 290), Down("node3", 289)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        // Orderly stop and crash: the most advanced wins.
        { "orderly stop of all three", Cluster(Clean("node1", 30, safe: true), Clean("node2", 29), Clean("node3", 28)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node1" },
        { "kill-all with recovered positions", Cluster(Down("node1", 100), Down("node2", 102), Down("node3", 101)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node2" },
        { "staggered crash: last one down wins even if it reports last", Cluster(Down("node1", 50, history: NodeHistory.Behind), Down("node2", 60, history: NodeHistory.Behind), Down("node3", 70)), DecisionKind.Bootstrap, "bootstrap-most-advanced", "node3" },
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
    public void Fence_names_the_stale_nodes_and_a_bootstrap_carries_the_evidence_it_rests_on()
    {
        var fence = BootstrapPlanner.Plan(WithHighWater(290, Waiting("node1", history: NodeHistory.Behind), Down("node2", 290), Down("node3", 290)));
        var bootstrap = BootstrapPlanner.Plan(Cluster(Down("node1", 10), Down("node2", 12), Down("node3", 11)));

        Assert.Equal(["node1"], fence.Fence);
        Assert.Contains("older than the latest", fence.Reason, StringComparison.Ordinal);
        var line = bootstrap.LineOf("node2")!;
        Assert.Equal(Datadir, line.DatadirIdentity);
        Assert.Equal($"node2|{Datadir}@{RecoveredAt.ToUnixTimeMilliseconds()}", line.EvidenceToken);
    }

    [Fact]
    public void Empty_and_stale_nodes_say_why_in_the_plan()
    {
        var decision = BootstrapPlanner.Plan(WithHighWater(114, Empty("node1", grastateSeqno: 114), Down("node2", 114), Stale("node3", 90)));

        Assert.Contains("no committed position in InnoDB", decision.LineOf("node1")!.Note, StringComparison.Ordinal);
        Assert.Contains("is not believed", decision.LineOf("node1")!.Note, StringComparison.Ordinal);
        Assert.Contains("stale", decision.LineOf("node3")!.Note, StringComparison.Ordinal);
        Assert.Null(decision.LineOf("node3")!.Position);
    }

    [Fact]
    public void An_empty_node_skipped_is_said_in_the_reason()
    {
        var decision = BootstrapPlanner.Plan(WithHighWater(114, Empty("node1"), Down("node2", 114), Down("node3", 113)));

        Assert.Contains("node1 holds no data and will join by SST", decision.Reason, StringComparison.Ordinal);
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
        var decision = BootstrapPlanner.Plan(Cluster(Down("node1", 10, safe: true), Down("node2", 12), Silent("node3", NodeHistory.Behind)));

        Assert.Contains("safe_to_bootstrap=1 ignored", decision.Lines.Single(l => l.Node == "node1").Note, StringComparison.Ordinal);
        Assert.Contains("behind", decision.Lines.Single(l => l.Node == "node3").Note, StringComparison.Ordinal);
        Assert.Equal("--wsrep-recover", decision.Lines.Single(l => l.Node == "node2").PositionSource);
    }
}
