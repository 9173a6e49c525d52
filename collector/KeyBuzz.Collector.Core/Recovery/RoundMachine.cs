using System.Globalization;
using KeyBuzz.Collector.Core.Bootstrap;

namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>
/// The recovery round state machine (pure): outage → decide → grant → bootstrap Synced → start the
/// others → done. At most one live grant per round; a grant is re-issued only once the previous
/// one is provably dead (refused by the agent, or expired while its node stayed down).
/// </summary>
public static class RoundMachine
{
    public static RoundStep Step(RecoveryRound? round, BootstrapDecision decision, RoundFacts facts, RoundSettings settings, ulong nextRoundId, string newGrantId)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(settings);
        var effects = new List<RoundEffect>();
        if (round is null)
        {
            if (facts.NoPrimarySince is not { } since || facts.Now - since < settings.OutageConfirm || decision.Kind == DecisionKind.NoOutage)
            {
                return new RoundStep(null, effects);
            }

            round = new RecoveryRound(nextRoundId, facts.Cluster, RoundPhase.Deciding, facts.Now, facts.Now, "full outage declared", null, [], []);
            effects.Add(new EventEffect($"round {nextRoundId}: full outage: no node Primary for {Seconds(facts.Now - since)}"));
        }

        return round.Phase switch
        {
            RoundPhase.Deciding or RoundPhase.AwaitingApproval => Decide(round, decision, facts, settings, newGrantId, effects),
            RoundPhase.Granted => AwaitAnswer(round, facts, effects),
            RoundPhase.Bootstrapping => AwaitBootstrap(round, facts, settings, effects),
            RoundPhase.StartingOthers => StartOthers(round, facts, settings, effects),
            _ => new RoundStep(round, effects),
        };
    }

    /// <summary>A human approves the plan's candidate (after a wait or a refusal).</summary>
    public static (RoundStep Step, string? Error) Approve(RecoveryRound round, BootstrapDecision decision, DateTimeOffset now, TimeSpan ttl, string grantId)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(decision);
        if (round.Phase is not (RoundPhase.Deciding or RoundPhase.AwaitingApproval))
        {
            return (new RoundStep(round, []), $"round {round.Id} is {round.Phase}: nothing to approve");
        }

        if (decision.Kind == DecisionKind.NoOutage)
        {
            return (new RoundStep(round, []), decision.Reason);
        }

        var node = decision.Node ?? decision.Candidate;
        var position = node is null ? null : decision.Lines.FirstOrDefault(l => l.Node == node)?.Position;
        if (node is null || position is null)
        {
            return (new RoundStep(round, []), "the plan has no candidate with a known position to approve; wait for positions, or force a node");
        }

        return (Issue(round, node, position, now, ttl, "approved", grantId, []), null);
    }

    /// <summary>A human forces a node (typed confirmation is kbctl's job). Never while some node is Primary.</summary>
    public static (RoundStep Step, string? Error) Force(RecoveryRound round, BootstrapDecision decision, string node, DateTimeOffset now, TimeSpan ttl, string grantId)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Kind == DecisionKind.NoOutage)
        {
            return (new RoundStep(round, []), decision.Reason);
        }

        if (round.Grant is { } live && live.Accepted is not false && now <= live.DeadAfter)
        {
            return (new RoundStep(round, []), $"grant {live.Id} for {live.Node} is still live: wait for its answer or expiry");
        }

        if (round.Phase is RoundPhase.Bootstrapping or RoundPhase.StartingOthers)
        {
            return (new RoundStep(round, []), $"round {round.Id} is already {round.Phase}");
        }

        var position = decision.Lines.FirstOrDefault(l => l.Node == node)?.Position;
        if (decision.Lines.All(l => l.Node != node))
        {
            return (new RoundStep(round, []), $"node '{node}' is not part of cluster {round.Cluster}");
        }

        if (position is null)
        {
            return (new RoundStep(round, []), $"{node}'s position is unknown (no grastate position, no --wsrep-recover result): nothing to bootstrap from");
        }

        return (Issue(round, node, position, now, ttl, "forced", grantId, []), null);
    }

    /// <summary>The agent's answer to a grant.</summary>
    public static RoundStep Answer(RecoveryRound round, string grantId, bool accepted, string message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.Grant is not { } grant || grant.Id != grantId || grant.Accepted is not null)
        {
            return new RoundStep(round, []);
        }

        var answered = grant with { Accepted = accepted, Answer = message };
        var grants = round.Grants.Take(round.Grants.Count - 1).Append(answered).ToList();
        var text = accepted ? $"round {round.Id}: {grant.Node} accepted the grant: {message}" : $"round {round.Id}: {grant.Node} refused the grant: {message}";
        var next = accepted
            ? round with { Grants = grants, Phase = RoundPhase.Bootstrapping, PhaseSince = now, Status = $"bootstrapping {grant.Node} from {grant.Position}" }
            : round with { Grants = grants, Phase = RoundPhase.Deciding, PhaseSince = now, Status = $"{grant.Node} refused: {message}" };
        return new RoundStep(next, [new EventEffect(text)]);
    }

    private static RoundStep Decide(RecoveryRound round, BootstrapDecision decision, RoundFacts facts, RoundSettings settings, string grantId, List<RoundEffect> effects)
    {
        var status = $"{Describe(decision.Kind)}: {decision.Reason}";
        if (status != round.Status)
        {
            effects.Add(new EventEffect($"round {round.Id}: {status}"));
            round = round with { Status = status, Rule = decision.Rule };
        }

        switch (decision.Kind)
        {
            case DecisionKind.NoOutage:
                effects.Add(new EventEffect($"round {round.Id}: done: a Primary Component exists again ({string.Join(", ", facts.SyncedPrimary)}); nothing was bootstrapped in this step"));
                return new RoundStep(round with { Phase = RoundPhase.Done, PhaseSince = facts.Now, Status = "done: the cluster has a Primary Component again" }, effects);
            case DecisionKind.Bootstrap when round.Grants.Count >= settings.MaxGrantsPerRound:
                return Await(round, facts, $"{round.Grants.Count} grants refused or expired in this round: approve or force by hand", effects);
            case DecisionKind.Bootstrap when !settings.AutoBootstrapAllowed:
                return Await(round, facts, $"automatic bootstrap not allowed now (disabled or per-window limit reached): approve {decision.Node} with kbctl bootstrap approve {round.Id}", effects);
            case DecisionKind.Bootstrap:
                var step = Issue(round, decision.Node!, decision.Position!, facts.Now, settings.GrantTtl, "auto", grantId, effects);
                return step;
            case DecisionKind.StartNormally:
                var toStart = decision.StartNodes.Where(n => !round.Started.Contains(n)).ToList();
                effects.AddRange(toStart.Select(n => new SendStartEffect(n)));
                return new RoundStep(round with { Started = [.. round.Started, .. toStart], Phase = RoundPhase.Deciding }, effects);
            case DecisionKind.Refuse:
                return new RoundStep(round with { Phase = RoundPhase.AwaitingApproval, PhaseSince = round.Phase == RoundPhase.AwaitingApproval ? round.PhaseSince : facts.Now }, effects);
            default:
                return new RoundStep(round, effects);
        }
    }

    private static RoundStep AwaitAnswer(RecoveryRound round, RoundFacts facts, List<RoundEffect> effects)
    {
        var grant = round.Grant!;
        if (facts.SyncedPrimary.Contains(grant.Node))
        {
            return ToStartingOthers(round, grant, facts, effects);
        }

        if (facts.Now <= grant.DeadAfter)
        {
            return new RoundStep(round, effects);
        }

        if (facts.Running.Contains(grant.Node))
        {
            // No answer reached us, but the node runs: the bootstrap probably started. Never grant again.
            effects.Add(new EventEffect($"round {round.Id}: no answer to grant {grant.Id}, but {grant.Node} is running: treating it as bootstrapping"));
            return new RoundStep(round with { Phase = RoundPhase.Bootstrapping, PhaseSince = facts.Now, Status = $"bootstrapping {grant.Node}" }, effects);
        }

        effects.Add(new EventEffect($"round {round.Id}: grant {grant.Id} for {grant.Node} expired unused ({grant.Node} still down); deciding again"));
        var expired = grant with { Accepted = false, Answer = "expired" };
        return new RoundStep(round with { Grants = [.. round.Grants.Take(round.Grants.Count - 1), expired], Phase = RoundPhase.Deciding, PhaseSince = facts.Now }, effects);
    }

    private static RoundStep AwaitBootstrap(RecoveryRound round, RoundFacts facts, RoundSettings settings, List<RoundEffect> effects)
    {
        var grant = round.Grant!;
        if (facts.SyncedPrimary.Contains(grant.Node))
        {
            return ToStartingOthers(round, grant, facts, effects);
        }

        if (facts.Now - round.PhaseSince > settings.SyncedTimeout)
        {
            effects.Add(new EventEffect($"round {round.Id}: failed: {grant.Node} did not become Primary and Synced within {Seconds(settings.SyncedTimeout)}; check its error log"));
            return new RoundStep(round with { Phase = RoundPhase.Failed, PhaseSince = facts.Now, Status = $"failed: {grant.Node} not Synced after bootstrap" }, effects);
        }

        return new RoundStep(round, effects);
    }

    private static RoundStep ToStartingOthers(RecoveryRound round, BootstrapGrant grant, RoundFacts facts, List<RoundEffect> effects)
    {
        effects.Add(new EventEffect($"round {round.Id}: {grant.Node} is Primary and Synced; starting the others normally"));
        return StartOthers(round with { Phase = RoundPhase.StartingOthers, PhaseSince = facts.Now, Status = $"{grant.Node} Synced; starting the others" }, facts, null, effects);
    }

    private static RoundStep StartOthers(RecoveryRound round, RoundFacts facts, RoundSettings? settings, List<RoundEffect> effects)
    {
        var toStart = facts.Startable.Where(n => !round.Started.Contains(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();
        effects.AddRange(toStart.Select(n => new SendStartEffect(n)));
        round = round with { Started = [.. round.Started, .. toStart] };
        if (facts.Expected.All(facts.SyncedPrimary.Contains))
        {
            effects.Add(new EventEffect($"round {round.Id}: done: {facts.SyncedPrimary.Count} nodes Primary and Synced"));
            return new RoundStep(round with { Phase = RoundPhase.Done, PhaseSince = facts.Now, Status = "done: cluster recovered" }, effects);
        }

        if (settings is not null && facts.Now - round.PhaseSince > settings.SyncedTimeout)
        {
            var missing = facts.Expected.Where(n => !facts.SyncedPrimary.Contains(n));
            effects.Add(new EventEffect($"round {round.Id}: the Primary Component is back, but {string.Join(", ", missing)} did not become Synced within {Seconds(settings.SyncedTimeout)}"));
            return new RoundStep(round with { Phase = RoundPhase.Failed, PhaseSince = facts.Now, Status = "partly recovered: some nodes not Synced" }, effects);
        }

        return new RoundStep(round, effects);
    }

    private static RoundStep Issue(RecoveryRound round, string node, Position position, DateTimeOffset now, TimeSpan ttl, string by, string grantId, List<RoundEffect> effects)
    {
        var grant = new BootstrapGrant(grantId, node, position, now, ttl, by, false, null, null);
        effects.Add(new EventEffect($"round {round.Id}: grant {grantId} ({by}) for {node} to bootstrap from {position}, valid {Seconds(ttl)}"));
        effects.Add(new SendGrantEffect(grant));
        return new RoundStep(round with { Grants = [.. round.Grants, grant], Phase = RoundPhase.Granted, PhaseSince = now, Status = $"grant sent to {node} ({by})" }, effects);
    }

    private static RoundStep Await(RecoveryRound round, RoundFacts facts, string why, List<RoundEffect> effects)
    {
        if (round.Phase != RoundPhase.AwaitingApproval)
        {
            effects.Add(new EventEffect($"round {round.Id}: waiting for a human: {why}"));
        }

        return new RoundStep(round with { Phase = RoundPhase.AwaitingApproval, PhaseSince = round.Phase == RoundPhase.AwaitingApproval ? round.PhaseSince : facts.Now, Status = $"waiting for a human: {why}" }, effects);
    }

    private static string Describe(DecisionKind kind) => kind switch
    {
        DecisionKind.Wait => "waiting",
        DecisionKind.LetPcRecovery => "letting pc.recovery reform the cluster",
        DecisionKind.StartNormally => "completing pc.recovery",
        DecisionKind.Bootstrap => "bootstrap",
        DecisionKind.Refuse => "refused, a human must decide",
        _ => "no outage",
    };

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s";
}
