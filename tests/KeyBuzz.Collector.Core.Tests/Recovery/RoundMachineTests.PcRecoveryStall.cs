using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Recovery;
using static KeyBuzz.Collector.Core.Tests.Bootstrap.Evidence;

namespace KeyBuzz.Collector.Core.Tests.Recovery;

/// <summary>
/// pc.recovery that cannot complete ("No node with complete state": a member was still joining when
/// the donor died) never retries: the round gives it a limit, then stops the members and decides from
/// their datadirs, instead of waiting for ever.
/// </summary>
public sealed partial class RoundMachineTests
{
    private static readonly BootstrapDecision TwoWaiting = BootstrapPlanner.Plan(WithHighWater(237, Waiting("node1"), Down("node2", -1, history: NodeHistory.Behind), Waiting("node3")) with
    {
        Latest = new LatestComponent(U, 237, ["node1", "node3"], true),
    });

    [Fact]
    public void Pc_recovery_is_left_alone_within_its_limit()
    {
        Assert.Equal(DecisionKind.LetPcRecovery, TwoWaiting.Kind);
        var opened = RoundMachine.Step(null, TwoWaiting, Facts(6, running: ["node1", "node3"], startable: ["node2"]), Settings, 1, Id("c1"));

        var later = RoundMachine.Step(opened.Round, TwoWaiting, Facts(6 + 29, running: ["node1", "node3"], startable: ["node2"]), Settings, 1, Id("c2"));

        Assert.Empty(later.Effects.OfType<SendCommandEffect>());
        Assert.Empty(later.Effects.OfType<SendGrantEffect>());
    }

    [Fact]
    public void A_stalled_pc_recovery_stops_the_running_members_once_and_the_round_then_decides_from_their_datadirs()
    {
        var opened = RoundMachine.Step(null, TwoWaiting, Facts(6, running: ["node1", "node3"], startable: ["node2"]), Settings, 1, Id("c1"));

        var stalled = RoundMachine.Step(opened.Round, TwoWaiting, Facts(6 + 31, running: ["node1", "node3"], startable: ["node2"]), Settings, 1, Id("f1"));

        var fences = stalled.Effects.OfType<SendCommandEffect>().Select(e => (e.Command.Kind, e.Command.Node)).ToList();
        Assert.Equal([(RoundCommandKind.Fence, "node1"), (RoundCommandKind.Fence, "node3")], fences);
        Assert.Contains(stalled.Effects.OfType<EventEffect>(), e => e.Text.Contains("pc.recovery did not reform the cluster within 30s", StringComparison.Ordinal));
        var again = RoundMachine.Step(stalled.Round, TwoWaiting, Facts(6 + 32, running: ["node1", "node3"], startable: ["node2"]), Settings, 1, Id("f2"));
        Assert.Empty(again.Effects.OfType<SendCommandEffect>());
        Assert.Empty(again.Effects.OfType<EventEffect>());

        Assert.NotNull(again.Round!.PcRecoveryStalledAt);
        var oneStopped = BootstrapPlanner.Plan(WithHighWater(237, Waiting("node1"), Down("node2", -1, history: NodeHistory.Behind), Down("node3", 237)) with
        {
            Latest = new LatestComponent(U, 237, ["node1", "node3"], true),
            PcRecoveryFailed = true,
        });
        var notRestarted = RoundMachine.Step(again.Round, oneStopped, Facts(6 + 34, running: ["node1"], startable: ["node2", "node3"]), Settings, 1, Id("s1"));
        Assert.DoesNotContain(notRestarted.Effects.OfType<SendCommandEffect>(), e => e.Command.Kind == RoundCommandKind.Start);

        var stopped = BootstrapPlanner.Plan(WithHighWater(237, Clean("node1", 237), Down("node2", -1, history: NodeHistory.Behind), Down("node3", 237)) with
        {
            Latest = new LatestComponent(U, 237, ["node1", "node3"], true),
        });
        var granted = RoundMachine.Step(notRestarted.Round, stopped, Facts(6 + 40, startable: All), Settings, 1, Id("g1"));

        Assert.Equal(DecisionKind.Bootstrap, stopped.Kind);
        Assert.Equal("node1", Assert.Single(granted.Effects.OfType<SendGrantEffect>()).Grant.Node);
    }

    [Fact]
    public void A_stalled_pc_recovery_with_a_member_the_round_may_not_stop_waits_for_a_human()
    {
        var opened = RoundMachine.Step(null, TwoWaiting, Facts(6, running: ["node1", "node3"], startable: ["node2"]), Settings, 1, Id("c1"));
        var facts = Facts(6 + 31, running: ["node1", "node3"], startable: ["node2"]) with { Expected = new HashSet<string>(["node1", "node2"]) };

        var stalled = RoundMachine.Step(opened.Round, TwoWaiting, facts, Settings, 1, Id("f1"));

        Assert.Empty(stalled.Effects.OfType<SendCommandEffect>());
        Assert.Equal(RoundPhase.AwaitingApproval, stalled.Round!.Phase);
        Assert.Contains("node3", stalled.Round.Status, StringComparison.Ordinal);
    }
}
