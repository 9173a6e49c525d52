using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Recovery;
using static KeyBuzz.Collector.Core.Tests.Bootstrap.Evidence;

namespace KeyBuzz.Collector.Core.Tests.Recovery;

public sealed partial class RoundMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly RoundSettings Settings = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), true, 3);
    private static readonly BootstrapDecision BootstrapNode2 = BootstrapPlanner.Plan(Cluster(Down("node1", 10), Down("node2", 12), Down("node3", 11)));
    private static readonly string[] All = ["node1", "node2", "node3"];

    private static RoundFacts Facts(double seconds, string[]? synced = null, string[]? running = null, string[]? startable = null, string? fork = null, double? noPrimarySince = null)
    {
        var up = Set(running);
        var since = noPrimarySince is { } s ? T0.AddSeconds(s) : synced is { Length: > 0 } ? (DateTimeOffset?)null : T0;
        return new("kblab", T0.AddSeconds(seconds), since, Set(synced), up, Set(startable ?? All), Set(All), Set([.. All.Where(n => !up.Contains(n))]), fork);
    }

    private static HashSet<string> Set(string[]? items) => [.. items ?? []];

    private static Func<string> Id(string id) => () => id;

    private static RecoveryRound Granted() => RoundMachine.Step(null, BootstrapNode2, Facts(6), Settings, 1, Id("1")).Round!;

    private static RecoveryRound Starting()
    {
        var round = RoundMachine.Answer(Granted(), "g-1", true, "bootstrap started", T0.AddSeconds(7)).Round!;
        return RoundMachine.Step(round, BootstrapNode2, Facts(9, synced: ["node2"], running: ["node2"], startable: ["node1", "node3"]), Settings, 2, Id("s1")).Round!;
    }

    [Fact]
    public void No_round_before_the_outage_is_confirmed()
    {
        var step = RoundMachine.Step(null, BootstrapNode2, Facts(4), Settings, 1, Id("1"));

        Assert.Null(step.Round);
        Assert.Empty(step.Effects);
    }

    [Fact]
    public void Confirmed_outage_opens_a_round_and_sends_one_grant_with_the_evidence_it_rests_on()
    {
        var step = RoundMachine.Step(null, BootstrapNode2, Facts(6), Settings, 7, Id("1"));

        Assert.Equal(7UL, step.Round!.Id);
        Assert.Equal("kblab", step.Round.Cluster);
        Assert.Equal(RoundPhase.Granted, step.Round.Phase);
        var grant = Assert.Single(step.Effects.OfType<SendGrantEffect>()).Grant;
        Assert.Equal(("node2", 12L, "auto"), (grant.Node, grant.Position.Seqno, grant.By));
        Assert.Equal(Datadir, grant.DatadirIdentity);
    }

    [Fact]
    public void While_a_grant_is_live_no_other_grant_is_issued_but_the_same_one_is_resent_until_answered()
    {
        var quiet = RoundMachine.Step(Granted(), BootstrapNode2, Facts(7), Settings, 2, Id("2"));
        var resent = RoundMachine.Step(Granted(), BootstrapNode2, Facts(10), Settings, 2, Id("2"));

        Assert.Empty(quiet.Effects.OfType<SendGrantEffect>());
        Assert.Equal("g-1", Assert.Single(resent.Effects.OfType<SendGrantEffect>()).Grant.Id);
        Assert.Single(resent.Round!.Grants);
    }

    [Fact]
    public void Accepted_grant_bootstraps_then_starts_the_others_then_ends()
    {
        var round = RoundMachine.Answer(Granted(), "g-1", true, "bootstrap started", T0.AddSeconds(7)).Round!;
        Assert.Equal(RoundPhase.Bootstrapping, round.Phase);

        var starting = RoundMachine.Step(round, BootstrapNode2, Facts(9, synced: ["node2"], running: ["node2"], startable: ["node1", "node3"]), Settings, 2, Id("s1"));
        Assert.Equal(RoundPhase.StartingOthers, starting.Round!.Phase);
        Assert.Equal(["node1", "node3"], starting.Effects.OfType<SendCommandEffect>().Select(e => e.Command.Node));

        var again = RoundMachine.Step(starting.Round, BootstrapNode2, Facts(10, synced: ["node2"], running: All, startable: []), Settings, 2, Id("s2"));
        Assert.Empty(again.Effects.OfType<SendCommandEffect>());

        var done = RoundMachine.Step(again.Round, BootstrapNode2, Facts(15, synced: All, running: All, startable: []), Settings, 2, Id("s3"));
        Assert.Equal(RoundPhase.Done, done.Round!.Phase);
    }

    [Fact]
    public void A_bootstrapped_node_whose_mariadbd_is_gone_fails_the_round_with_the_reason_instead_of_waiting_the_Synced_timeout()
    {
        var round = RoundMachine.Answer(Granted(), "g-1", true, "bootstrap started", T0.AddSeconds(7)).Round!;

        var starting = RoundMachine.Step(round, BootstrapNode2, Facts(20), Settings, 2, Id("x"));
        var gone = RoundMachine.Step(round, BootstrapNode2, Facts(40), Settings, 2, Id("x"));
        var running = RoundMachine.Step(round, BootstrapNode2, Facts(40, running: ["node2"]), Settings, 2, Id("x"));

        Assert.Equal(RoundPhase.Bootstrapping, starting.Round!.Phase);
        Assert.Equal(RoundPhase.Failed, gone.Round!.Phase);
        Assert.Contains("node2's bootstrapped mariadbd is not running", gone.Round.Status, StringComparison.Ordinal);
        Assert.Empty(gone.Effects.OfType<SendGrantEffect>());
        Assert.Equal(RoundPhase.Bootstrapping, running.Round!.Phase);
    }

    [Fact]
    public void A_start_lost_with_a_collector_crash_is_sent_again_until_the_node_runs()
    {
        // The round was persisted with its starts, then the collector died before (or while) sending them.
        var persisted = Starting();
        var unanswered = RoundMachine.Step(persisted, BootstrapNode2, Facts(13, synced: ["node2"], running: ["node2"], startable: ["node1", "node3"]), Settings, 2, Id("s9"));

        Assert.Equal(["node1", "node3"], unanswered.Effects.OfType<SendCommandEffect>().Select(e => e.Command.Node));
        Assert.All(unanswered.Effects.OfType<SendCommandEffect>(), e => Assert.Equal(2, e.Command.Sends));
        Assert.All(unanswered.Effects.OfType<SendCommandEffect>(), e => Assert.Equal(1, e.Command.Attempt));
    }

    [Fact]
    public void A_start_answered_but_without_effect_is_tried_again_under_a_new_id_then_given_up()
    {
        var round = Starting();
        foreach (var command in round.CommandLog.ToList())
        {
            round = RoundMachine.Answer(round, command.Id, true, "mariadbd started normally", T0.AddSeconds(10)).Round!;
        }

        var retry = RoundMachine.Step(round, BootstrapNode2, Facts(26, synced: ["node2"], running: ["node2", "node3"], startable: ["node1"]), Settings, 2, Id("r1"));
        var again = Assert.Single(retry.Effects.OfType<SendCommandEffect>()).Command;
        Assert.Equal(("node1", 2, "s-r1"), (again.Node, again.Attempt, again.Id));

        round = retry.Round!;
        var few = Settings with { MaxAttempts = 4 };
        for (var attempt = 2; attempt <= few.MaxAttempts; attempt++)
        {
            var last = round.CommandLog.Last(c => c.Node == "node1");
            round = RoundMachine.Answer(round, last.Id, false, "mariadbd exited at once", T0.AddSeconds(70 * attempt)).Round!;
            var early = RoundMachine.Step(round, BootstrapNode2, Facts((70 * attempt) + 1, synced: ["node2", "node3"], running: ["node2", "node3"], startable: ["node1"]), few, 2, Id($"e{attempt}"));
            Assert.Empty(early.Effects.OfType<SendCommandEffect>()); // retried ever more slowly, not every second
            Assert.Contains("node1 (attempt", early.Round!.Status, StringComparison.Ordinal);
            round = RoundMachine.Step(round, BootstrapNode2, Facts((70 * attempt) + 65, synced: ["node2", "node3"], running: ["node2", "node3"], startable: ["node1"]), few, 2, Id($"r{attempt}")).Round!;
        }

        Assert.Equal(RoundPhase.Failed, round.Phase);
        Assert.Contains("node1: mariadbd exited at once", round.Status, StringComparison.Ordinal);
        Assert.True(round.CommandLog.Last(c => c.Node == "node1").Abandoned);
    }

    [Fact]
    public void Refused_grant_goes_back_to_deciding_and_never_decides_again_on_the_same_evidence()
    {
        var refused = RoundMachine.Answer(Granted(), "g-1", false, "position changed", T0.AddSeconds(7)).Round!;
        Assert.Equal(RoundPhase.Deciding, refused.Phase);
        Assert.Equal([$"node2|{Datadir}@{RecoveredAt.ToUnixTimeMilliseconds()}"], refused.Refused);

        // The coordinator passes the refused evidence to the planner: the same evidence now waits.
        var sameEvidence = BootstrapPlanner.Plan(Cluster(Down("node1", 10), Down("node2", 12), Down("node3", 11)) with { RefusedEvidence = refused.Refused.ToHashSet() });
        var waiting = RoundMachine.Step(refused, sameEvidence, Facts(8), Settings, 2, Id("2"));
        Assert.Empty(waiting.Effects.OfType<SendGrantEffect>());

        // Fresh evidence (the agent re-derived its position while refusing): a new decision, a new grant.
        var fresh = BootstrapPlanner.Plan(Cluster(Down("node1", 10), Down("node2", 12) with { Recovered = new(U, 12, null, false, Datadir, RecoveredAt.AddSeconds(30)) }, Down("node3", 11)) with { RefusedEvidence = refused.Refused.ToHashSet() });
        var next = RoundMachine.Step(waiting.Round!, fresh, Facts(9), Settings, 2, Id("2"));
        Assert.Equal("g-2", Assert.Single(next.Effects.OfType<SendGrantEffect>()).Grant.Id);
    }

    [Fact]
    public void A_refusal_from_a_node_that_runs_is_watched_never_granted_again()
    {
        var step = RoundMachine.Answer(Granted(), "g-1", false, "grant already used", T0.AddSeconds(7), nodeRunning: true);

        Assert.Equal(RoundPhase.Bootstrapping, step.Round!.Phase);
    }

    [Fact]
    public void Expired_grant_with_the_node_down_is_dead_and_may_be_replaced()
    {
        var step = RoundMachine.Step(Granted(), BootstrapNode2, Facts(60), Settings, 2, Id("2"));

        Assert.Equal(RoundPhase.Deciding, step.Round!.Phase);
        Assert.False(step.Round.Grant!.Accepted);
    }

    [Fact]
    public void Expired_grant_with_the_node_running_is_never_replaced()
    {
        var step = RoundMachine.Step(Granted(), BootstrapNode2, Facts(60, running: ["node2"]), Settings, 2, Id("2"));

        Assert.Equal(RoundPhase.Bootstrapping, step.Round!.Phase);
        Assert.Empty(step.Effects.OfType<SendGrantEffect>());
    }

    [Fact]
    public void Circuit_breaker_sends_the_round_to_a_human()
    {
        var step = RoundMachine.Step(null, BootstrapNode2, Facts(6), Settings with { AutoBootstrapAllowed = false }, 1, Id("1"));

        Assert.Equal(RoundPhase.AwaitingApproval, step.Round!.Phase);
        Assert.Empty(step.Effects.OfType<SendGrantEffect>());
        Assert.Contains("kbctl bootstrap approve 1", step.Round.Status, StringComparison.Ordinal);
    }

    [Fact]
    public void A_round_waiting_for_a_human_records_its_decision_once_not_every_second()
    {
        var refuse = BootstrapPlanner.Plan(WithHighWater(20, Down("node1", 10), Down("node2", 12), Down("node3", 11)));
        var circuit = Settings with { AutoBootstrapAllowed = false };
        var step = RoundMachine.Step(null, refuse, Facts(6), Settings, 1, Id("1"));
        var events = step.Effects.OfType<EventEffect>().Count();
        var breaker = RoundMachine.Step(null, BootstrapNode2, Facts(6), circuit, 1, Id("1"));
        var breakerEvents = breaker.Effects.OfType<EventEffect>().Count();

        for (var second = 7; second < 300; second++)
        {
            step = RoundMachine.Step(step.Round, refuse, Facts(second), Settings, 2, Id("x"));
            events += step.Effects.OfType<EventEffect>().Count();
            breaker = RoundMachine.Step(breaker.Round, BootstrapNode2, Facts(second), circuit, 2, Id("x"));
            breakerEvents += breaker.Effects.OfType<EventEffect>().Count();
        }

        Assert.Equal(RoundPhase.AwaitingApproval, step.Round!.Phase);
        Assert.Equal(2, events); // the outage, the decision
        Assert.Equal(3, breakerEvents); // the outage, the decision, waiting for a human
    }

    [Fact]
    public void Too_many_dead_grants_send_the_round_to_a_human()
    {
        var round = Granted();
        for (var i = 2; i <= 3; i++)
        {
            round = RoundMachine.Answer(round, round.Grant!.Id, false, "no", T0.AddSeconds(7)).Round!;
            round = RoundMachine.Step(round, BootstrapNode2, Facts(8), Settings, 2, Id($"{i}")).Round!;
        }

        round = RoundMachine.Answer(round, round.Grant!.Id, false, "no", T0.AddSeconds(9)).Round!;
        var step = RoundMachine.Step(round, BootstrapNode2, Facts(10), Settings, 2, Id("4"));

        Assert.Equal(RoundPhase.AwaitingApproval, step.Round!.Phase);
        Assert.Empty(step.Effects.OfType<SendGrantEffect>());
    }

    [Fact]
    public void A_forked_history_stops_the_round_and_opens_none()
    {
        var stopped = RoundMachine.Step(Granted(), BootstrapNode2, Facts(8, fork: "FORKED HISTORY: node1 …"), Settings, 2, Id("2"));
        var none = RoundMachine.Step(null, BootstrapNode2, Facts(8, fork: "FORKED HISTORY: node1 …"), Settings, 1, Id("1"));

        Assert.Equal(RoundPhase.Failed, stopped.Round!.Phase);
        Assert.Contains("forked history", stopped.Round.Status, StringComparison.Ordinal);
        Assert.Null(none.Round);
    }

    [Fact]
    public void A_wait_keeps_deciding_and_approval_grants_the_candidate()
    {
        var wait = BootstrapPlanner.Plan(Cluster(Down("node1", 10), Down("node2", 12), Silent("node3")));
        var round = RoundMachine.Step(null, wait, Facts(6), Settings, 1, Id("1")).Round!;
        Assert.Equal(RoundPhase.Deciding, round.Phase);

        var (step, error) = RoundMachine.Approve(round, wait, T0.AddSeconds(8), TimeSpan.FromSeconds(30), Id("9"));

        Assert.Null(error);
        var grant = Assert.Single(step.Effects.OfType<SendGrantEffect>()).Grant;
        Assert.Equal(("node2", "approved"), (grant.Node, grant.By));
    }

    [Fact]
    public void Force_is_refused_while_a_grant_is_live_a_node_is_primary_or_the_position_is_stale()
    {
        var (_, live) = RoundMachine.Force(Granted(), BootstrapNode2, "node1", T0.AddSeconds(8), TimeSpan.FromSeconds(30), Id("9"));
        var primary = BootstrapPlanner.Plan(Cluster(Primary("node1"), Down("node2", 12)));
        var (_, healed) = RoundMachine.Force(Granted() with { Phase = RoundPhase.AwaitingApproval, Grants = [] }, primary, "node2", T0.AddSeconds(8), TimeSpan.FromSeconds(30), Id("9"));
        var stale = BootstrapPlanner.Plan(Cluster(Stale("node1", 114), Down("node2", 12)));
        var (_, changed) = RoundMachine.Force(Granted() with { Phase = RoundPhase.AwaitingApproval, Grants = [] }, stale, "node1", T0.AddSeconds(8), TimeSpan.FromSeconds(30), Id("9"));

        Assert.Contains("still live", live, StringComparison.Ordinal);
        Assert.Contains("Primary", healed, StringComparison.Ordinal);
        Assert.Contains("no position derived from its datadir as it is now", changed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_that_heals_by_itself_closes_the_round_without_bootstrap()
    {
        var wait = BootstrapPlanner.Plan(Cluster(Waiting("node1"), Waiting("node2"), Waiting("node3")));
        var round = RoundMachine.Step(null, wait, Facts(6), Settings, 1, Id("1")).Round!;
        var healed = BootstrapPlanner.Plan(Cluster(Primary("node1"), Primary("node2"), Primary("node3")));

        var step = RoundMachine.Step(round, healed, Facts(9, synced: All), Settings, 2, Id("2"));

        Assert.Equal(RoundPhase.Done, step.Round!.Phase);
        Assert.Empty(step.Round.Grants);
    }
}
