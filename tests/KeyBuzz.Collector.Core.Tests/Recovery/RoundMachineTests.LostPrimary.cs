using KeyBuzz.Collector.Core.Recovery;

namespace KeyBuzz.Collector.Core.Tests.Recovery;

/// <summary>The Primary Component a round formed is gone before the others are started: a new outage.</summary>
public sealed partial class RoundMachineTests
{
    [Fact]
    public void A_bootstrapped_node_that_stops_while_the_others_start_fails_the_round_instead_of_starting_it_normally()
    {
        // Chaos seed 758618478: a second kill-all right after the bootstrap; the round sent node2 a normal start,
        // and three nodes then waited for a Primary Component that no longer existed.
        var crashed = RoundMachine.Step(Starting(), BootstrapNode2, Facts(12, running: ["node1", "node3"], startable: ["node2"]), Settings, 2, Id("s2"));
        var stillPrimary = RoundMachine.Step(Starting(), BootstrapNode2, Facts(12, synced: ["node2"], running: ["node2"], startable: ["node1", "node3"]), Settings, 2, Id("s2"));

        Assert.Equal(RoundPhase.Failed, crashed.Round!.Phase);
        Assert.Contains("node2 stopped after its bootstrap", crashed.Round.Status, StringComparison.Ordinal);
        Assert.Empty(crashed.Effects.OfType<SendCommandEffect>());
        Assert.Equal(RoundPhase.StartingOthers, stillPrimary.Round!.Phase);
    }

    [Fact]
    public void A_Primary_lost_while_the_others_start_fails_the_round_once_confirmed_even_with_nodes_running()
    {
        // Chaos seed 663608215: the bootstrapped node and one that joined it were split by a partition: both ran
        // non-Primary and the round kept "starting the others" until the Synced timeout, ten minutes later.
        var split = new[] { "node1", "node2" };
        var fresh = RoundMachine.Step(Starting(), BootstrapNode2, Facts(12, running: split, startable: ["node3"], noPrimarySince: 11), Settings, 2, Id("s2"));
        var confirmed = RoundMachine.Step(Starting(), BootstrapNode2, Facts(17, running: split, startable: ["node3"], noPrimarySince: 11), Settings, 2, Id("s2"));
        var before = RoundMachine.Step(Starting(), BootstrapNode2, Facts(17, synced: ["node2"], running: ["node2"], startable: ["node1", "node3"]), Settings, 2, Id("s2"));

        Assert.Equal(RoundPhase.StartingOthers, fresh.Round!.Phase);
        Assert.Equal(RoundPhase.Failed, confirmed.Round!.Phase);
        Assert.Contains("Primary Component it formed is gone", confirmed.Round.Status, StringComparison.Ordinal);
        Assert.Empty(confirmed.Effects.OfType<SendCommandEffect>());
        Assert.Equal(RoundPhase.StartingOthers, before.Round!.Phase);
    }
}
