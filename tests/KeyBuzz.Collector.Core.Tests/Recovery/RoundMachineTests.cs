using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Recovery;
using static KeyBuzz.Collector.Core.Tests.Bootstrap.Evidence;

namespace KeyBuzz.Collector.Core.Tests.Recovery;

public sealed class RoundMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly RoundSettings Settings = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), true, 3);
    private static readonly BootstrapDecision BootstrapNode2 = BootstrapPlanner.Plan(Cluster(Down("node1", 10), Down("node2", 12), Down("node3", 11)));

    private static RoundFacts Facts(double seconds, string[]? synced = null, string[]? running = null, string[]? startable = null) =>
        new("kblab", T0.AddSeconds(seconds), T0, Set(synced), Set(running), Set(startable ?? ["node1", "node2", "node3"]), Set(["node1", "node2", "node3"]));

    private static HashSet<string> Set(string[]? items) => [.. items ?? []];

    private static RecoveryRound Granted() => RoundMachine.Step(null, BootstrapNode2, Facts(6), Settings, 1, "g1").Round!;

    [Fact]
    public void No_round_before_the_outage_is_confirmed()
    {
        var step = RoundMachine.Step(null, BootstrapNode2, Facts(4), Settings, 1, "g1");

        Assert.Null(step.Round);
        Assert.Empty(step.Effects);
    }

    [Fact]
    public void Confirmed_outage_opens_a_round_and_sends_one_grant()
    {
        var step = RoundMachine.Step(null, BootstrapNode2, Facts(6), Settings, 7, "g1");

        Assert.Equal(7UL, step.Round!.Id);
        Assert.Equal("kblab", step.Round.Cluster);
        Assert.Equal(RoundPhase.Granted, step.Round.Phase);
        var grant = Assert.Single(step.Effects.OfType<SendGrantEffect>()).Grant;
        Assert.Equal(("node2", 12L, "auto"), (grant.Node, grant.Position.Seqno, grant.By));
    }

    [Fact]
    public void While_a_grant_is_live_no_other_grant_is_sent()
    {
        var step = RoundMachine.Step(Granted(), BootstrapNode2, Facts(10), Settings, 2, "g2");

        Assert.Equal(RoundPhase.Granted, step.Round!.Phase);
        Assert.Empty(step.Effects.OfType<SendGrantEffect>());
    }

    [Fact]
    public void Accepted_grant_bootstraps_then_starts_the_others_then_ends()
    {
        var round = RoundMachine.Answer(Granted(), "g1", true, "bootstrap started", T0.AddSeconds(7)).Round!;
        Assert.Equal(RoundPhase.Bootstrapping, round.Phase);

        var starting = RoundMachine.Step(round, BootstrapNode2, Facts(9, synced: ["node2"], running: ["node2"], startable: ["node1", "node3"]), Settings, 2, "g2");
        Assert.Equal(RoundPhase.StartingOthers, starting.Round!.Phase);
        Assert.Equal(["node1", "node3"], starting.Effects.OfType<SendStartEffect>().Select(e => e.Node));

        var again = RoundMachine.Step(starting.Round, BootstrapNode2, Facts(10, synced: ["node2"], running: ["node1", "node2", "node3"], startable: []), Settings, 2, "g2");
        Assert.Empty(again.Effects.OfType<SendStartEffect>());

        var done = RoundMachine.Step(again.Round, BootstrapNode2, Facts(15, synced: ["node1", "node2", "node3"], running: ["node1", "node2", "node3"], startable: []), Settings, 2, "g2");
        Assert.Equal(RoundPhase.Done, done.Round!.Phase);
    }

    [Fact]
    public void Refused_grant_goes_back_to_deciding_and_a_new_grant_follows()
    {
        var refused = RoundMachine.Answer(Granted(), "g1", false, "position changed", T0.AddSeconds(7)).Round!;
        Assert.Equal(RoundPhase.Deciding, refused.Phase);

        var next = RoundMachine.Step(refused, BootstrapNode2, Facts(8), Settings, 2, "g2");
        Assert.Equal("g2", Assert.Single(next.Effects.OfType<SendGrantEffect>()).Grant.Id);
    }

    [Fact]
    public void Expired_grant_with_the_node_down_is_dead_and_may_be_replaced()
    {
        var step = RoundMachine.Step(Granted(), BootstrapNode2, Facts(60), Settings, 2, "g2");

        Assert.Equal(RoundPhase.Deciding, step.Round!.Phase);
        Assert.False(step.Round.Grant!.Accepted);
    }

    [Fact]
    public void Expired_grant_with_the_node_running_is_never_replaced()
    {
        var step = RoundMachine.Step(Granted(), BootstrapNode2, Facts(60, running: ["node2"]), Settings, 2, "g2");

        Assert.Equal(RoundPhase.Bootstrapping, step.Round!.Phase);
        Assert.Empty(step.Effects.OfType<SendGrantEffect>());
    }

    [Fact]
    public void Circuit_breaker_sends_the_round_to_a_human()
    {
        var step = RoundMachine.Step(null, BootstrapNode2, Facts(6), Settings with { AutoBootstrapAllowed = false }, 1, "g1");

        Assert.Equal(RoundPhase.AwaitingApproval, step.Round!.Phase);
        Assert.Empty(step.Effects.OfType<SendGrantEffect>());
        Assert.Contains("kbctl bootstrap approve 1", step.Round.Status, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_dead_grants_send_the_round_to_a_human()
    {
        var round = Granted();
        for (var i = 2; i <= 3; i++)
        {
            round = RoundMachine.Answer(round, round.Grant!.Id, false, "no", T0.AddSeconds(7)).Round!;
            round = RoundMachine.Step(round, BootstrapNode2, Facts(8), Settings, 2, $"g{i}").Round!;
        }

        round = RoundMachine.Answer(round, round.Grant!.Id, false, "no", T0.AddSeconds(9)).Round!;
        var step = RoundMachine.Step(round, BootstrapNode2, Facts(10), Settings, 2, "g4");

        Assert.Equal(RoundPhase.AwaitingApproval, step.Round!.Phase);
        Assert.Empty(step.Effects.OfType<SendGrantEffect>());
    }

    [Fact]
    public void A_wait_keeps_deciding_and_approval_grants_the_candidate()
    {
        var wait = BootstrapPlanner.Plan(Cluster(Down("node1", 10), Down("node2", 12), Silent("node3")));
        var round = RoundMachine.Step(null, wait, Facts(6), Settings, 1, "g1").Round!;
        Assert.Equal(RoundPhase.Deciding, round.Phase);

        var (step, error) = RoundMachine.Approve(round, wait, T0.AddSeconds(8), TimeSpan.FromSeconds(30), "g9");

        Assert.Null(error);
        var grant = Assert.Single(step.Effects.OfType<SendGrantEffect>()).Grant;
        Assert.Equal(("node2", "approved"), (grant.Node, grant.By));
    }

    [Fact]
    public void Force_is_refused_while_a_grant_is_live_or_a_node_is_primary()
    {
        var (_, live) = RoundMachine.Force(Granted(), BootstrapNode2, "node1", T0.AddSeconds(8), TimeSpan.FromSeconds(30), "g9");
        var primary = BootstrapPlanner.Plan(Cluster(Primary("node1"), Down("node2", 12)));
        var (_, healed) = RoundMachine.Force(Granted() with { Phase = RoundPhase.AwaitingApproval, Grants = [] }, primary, "node2", T0.AddSeconds(8), TimeSpan.FromSeconds(30), "g9");

        Assert.Contains("still live", live, StringComparison.Ordinal);
        Assert.Contains("Primary", healed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_that_heals_by_itself_closes_the_round_without_bootstrap()
    {
        var wait = BootstrapPlanner.Plan(Cluster(Waiting("node1"), Waiting("node2"), Waiting("node3")));
        var round = RoundMachine.Step(null, wait, Facts(6), Settings, 1, "g1").Round!;
        var healed = BootstrapPlanner.Plan(Cluster(Primary("node1"), Primary("node2"), Primary("node3")));

        var step = RoundMachine.Step(round, healed, Facts(9, synced: ["node1", "node2", "node3"]), Settings, 2, "g2");

        Assert.Equal(RoundPhase.Done, step.Round!.Phase);
        Assert.Empty(step.Round.Grants);
    }
}
