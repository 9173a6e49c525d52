using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Recovery;
using static KeyBuzz.Collector.Core.Tests.Bootstrap.Evidence;

namespace KeyBuzz.Collector.Core.Tests.Recovery;

/// <summary>Fencing: a stale survivor is stopped first and started last, whichever way the others came back.</summary>
public sealed partial class RoundMachineTests
{
    [Fact]
    public void A_stale_survivor_is_fenced_until_it_is_down_and_starts_last()
    {
        var fence = BootstrapPlanner.Plan(WithHighWater(290, Waiting("node1", history: NodeHistory.Behind), Down("node2", 290), Down("node3", 289)));
        var opened = RoundMachine.Step(null, fence, Facts(6, running: ["node1"], startable: ["node2", "node3"]), Settings, 1, Id("f1"));
        var command = Assert.Single(opened.Effects.OfType<SendCommandEffect>()).Command;
        Assert.Equal((RoundCommandKind.Fence, "node1"), (command.Kind, command.Node));
        Assert.Empty(opened.Effects.OfType<SendGrantEffect>());

        var fenced = RoundMachine.Answer(opened.Round!, command.Id, true, "fenced", T0.AddSeconds(7)).Round!;
        var afterFence = BootstrapPlanner.Plan(WithHighWater(290, Clean("node1", 120, history: NodeHistory.Behind), Down("node2", 290), Down("node3", 289)));
        var granted = RoundMachine.Step(fenced, afterFence, Facts(8, startable: All), Settings, 2, Id("2"));
        Assert.Equal("node2", Assert.Single(granted.Effects.OfType<SendGrantEffect>()).Grant.Node);

        var bootstrapping = RoundMachine.Answer(granted.Round!, "g-2", true, "started", T0.AddSeconds(9)).Round!;
        var first = RoundMachine.Step(bootstrapping, afterFence, Facts(10, synced: ["node2"], running: ["node2"], startable: ["node1", "node3"]), Settings, 2, Id("s1"));
        Assert.Equal(["node3"], first.Effects.OfType<SendCommandEffect>().Select(e => e.Command.Node));

        var last = RoundMachine.Step(first.Round, afterFence, Facts(14, synced: ["node2", "node3"], running: ["node2", "node3"], startable: ["node1"]), Settings, 2, Id("s2"));
        Assert.Equal(["node1"], last.Effects.OfType<SendCommandEffect>().Select(e => e.Command.Node));
    }

    [Fact]
    public void A_stale_survivor_fenced_before_pc_recovery_reformed_the_others_is_still_started_by_the_round()
    {
        var fence = BootstrapPlanner.Plan(WithHighWater(290, Waiting("node1", history: NodeHistory.Behind), Down("node2", 290), Down("node3", 289)));
        var opened = RoundMachine.Step(null, fence, Facts(6, running: ["node1"], startable: ["node2", "node3"]), Settings, 1, Id("f1"));
        var fenced = RoundMachine.Answer(opened.Round!, Assert.Single(opened.Effects.OfType<SendCommandEffect>()).Command.Id, true, "fenced", T0.AddSeconds(7)).Round!;
        var reformed = BootstrapPlanner.Plan(Cluster(Clean("node1", 120, history: NodeHistory.Behind), Primary("node2"), Primary("node3")));

        var step = RoundMachine.Step(fenced, reformed, Facts(12, synced: ["node2", "node3"], running: ["node2", "node3"], startable: ["node1"]), Settings, 2, Id("s1"));

        Assert.Equal(DecisionKind.NoOutage, reformed.Kind);
        Assert.Equal(RoundPhase.StartingOthers, step.Round!.Phase);
        var start = Assert.Single(step.Effects.OfType<SendCommandEffect>()).Command;
        Assert.Equal((RoundCommandKind.Start, "node1"), (start.Kind, start.Node));
        var done = RoundMachine.Step(step.Round, reformed, Facts(20, synced: All, running: All, startable: []), Settings, 2, Id("s2"));
        Assert.Equal(RoundPhase.Done, done.Round!.Phase);
    }
}
