using KeyBuzz.Collector.Core.Recovery;

namespace KeyBuzz.Collector.Core.Tests.Recovery;

/// <summary>An outage every agent proves (each reports its mariadbd stopped) is confirmed after 1 s, not 5.</summary>
public sealed partial class RoundMachineTests
{
    [Fact]
    public void An_outage_every_node_proves_opens_the_round_after_one_second()
    {
        var step = RoundMachine.Step(null, BootstrapNode2, Facts(1) with { OutageProven = true }, Settings, 1, Id("1"));

        Assert.Equal(RoundPhase.Granted, step.Round!.Phase);
        Assert.Contains(step.Effects.OfType<EventEffect>(), e => e.Text.Contains("every node reports its mariadbd stopped", StringComparison.Ordinal));
    }

    [Fact]
    public void A_proven_outage_still_waits_one_second()
    {
        Assert.Null(RoundMachine.Step(null, BootstrapNode2, Facts(0.5) with { OutageProven = true }, Settings, 1, Id("1")).Round);
    }

    [Fact]
    public void Without_proof_from_every_node_the_full_confirmation_applies()
    {
        Assert.Null(RoundMachine.Step(null, BootstrapNode2, Facts(4), Settings, 1, Id("1")).Round);
        Assert.NotNull(RoundMachine.Step(null, BootstrapNode2, Facts(5), Settings, 1, Id("1")).Round);
    }

    [Fact]
    public void A_proven_outage_never_skips_a_fork_or_a_running_primary()
    {
        Assert.Null(RoundMachine.Step(null, BootstrapNode2, Facts(3, fork: "node1 served a forked history") with { OutageProven = true }, Settings, 1, Id("1")).Round);
        Assert.Null(RoundMachine.Step(null, BootstrapNode2, Facts(3, synced: ["node2"], running: ["node2"]) with { OutageProven = true }, Settings, 1, Id("1")).Round);
    }

    [Fact]
    public void A_confirmation_set_below_one_second_is_kept_for_proven_outages()
    {
        var quick = Settings with { OutageConfirm = TimeSpan.FromMilliseconds(300) };

        Assert.Equal(TimeSpan.FromMilliseconds(300), quick.ProvenOutageConfirm);
        Assert.Equal(TimeSpan.FromSeconds(1), Settings.ProvenOutageConfirm);
        Assert.Equal(TimeSpan.FromSeconds(2), (Settings with { ProvenConfirm = TimeSpan.FromSeconds(2) }).ProvenOutageConfirm);
    }
}
