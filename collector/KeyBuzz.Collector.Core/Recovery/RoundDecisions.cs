using KeyBuzz.Collector.Core.Bootstrap;

namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>A deciding round acts on the planner's decision: fence, start, grant, or wait for a human.</summary>
internal static class RoundDecisions
{
    public static RoundStep Decide(RecoveryRound round, BootstrapDecision decision, RoundFacts facts, RoundSettings settings, Func<string> newId, List<RoundEffect> effects)
    {
        var text = $"{Describe(decision.Kind)}: {decision.Reason}";
        if (text != round.Decision)
        {
            effects.Add(new EventEffect($"round {round.Id}: {text}"));
            round = round with { Decision = text, Rule = decision.Rule, DecisionSince = facts.Now };
        }

        switch (decision.Kind)
        {
            case DecisionKind.NoOutage when round.Fenced.Any():
                // pc.recovery (or a start) brought the others back: the nodes this round fenced are still its promise.
                effects.Add(new EventEffect($"round {round.Id}: a Primary Component exists again ({string.Join(", ", facts.SyncedPrimary)}); starting the nodes this round fenced ({string.Join(", ", round.Fenced)}) once the others are Synced"));
                return RoundPhases.StartOthers(round with { Phase = RoundPhase.StartingOthers, PhaseSince = facts.Now, Status = "Primary again; starting the fenced nodes last" }, facts, settings, newId, effects);
            case DecisionKind.NoOutage:
                effects.Add(new EventEffect($"round {round.Id}: done: a Primary Component exists again ({string.Join(", ", facts.SyncedPrimary)}); nothing was bootstrapped in this step"));
                return new RoundStep(round with { Phase = RoundPhase.Done, PhaseSince = facts.Now, Status = "done: the cluster has a Primary Component again" }, effects);
            case DecisionKind.Fence:
                round = CommandDelivery.Deliver(round, decision.Fence, RoundCommandKind.Fence, facts.Down.Contains, facts, settings, newId, effects);
                if (round.CommandLog.FirstOrDefault(c => c.Kind == RoundCommandKind.Fence && c.Abandoned && decision.Fence.Contains(c.Node)) is { } stuck)
                {
                    return Await(round, facts, $"{stuck.Node} could not be fenced ({stuck.Answer}): stop it by hand, then the round goes on", effects);
                }

                return new RoundStep(round with { Phase = RoundPhase.Deciding, Status = $"fencing {string.Join(", ", decision.Fence)}: {decision.Reason}" }, effects);
            case DecisionKind.LetPcRecovery when facts.Now - (round.DecisionSince ?? facts.Now) >= settings.PcRecoveryWait:
                return PcRecoveryStalled(round, facts, settings, newId, effects);
            case DecisionKind.StartNormally:
                round = CommandDelivery.Deliver(round, decision.StartNodes, RoundCommandKind.Start, facts.Running.Contains, facts, settings, newId, effects);
                return new RoundStep(round with { Phase = RoundPhase.Deciding, Status = text }, effects);
            case DecisionKind.Bootstrap when round.Grants.Count >= settings.MaxGrantsPerRound:
                return Await(round, facts, $"{round.Grants.Count} grants refused or expired in this round: approve or force by hand", effects);
            case DecisionKind.Bootstrap when !settings.AutoBootstrapAllowed:
                return Await(round, facts, $"automatic bootstrap not allowed now (disabled or per-window limit reached): approve {decision.Node} with kbctl bootstrap approve {round.Id}", effects);
            case DecisionKind.Bootstrap:
                return Issue(round, decision.Node!, decision.Position!, decision.LineOf(decision.Node!), facts.Now, settings.GrantTtl, "auto", newId, effects);
            case DecisionKind.Refuse:
                return new RoundStep(round with { Phase = RoundPhase.AwaitingApproval, PhaseSince = round.Phase == RoundPhase.AwaitingApproval ? round.PhaseSince : facts.Now, Status = text }, effects);
            default:
                return new RoundStep(round with { Phase = RoundPhase.Deciding, Status = text }, effects);
        }
    }

    /// <summary>A human approves the plan's candidate (after a wait or a refusal).</summary>
    public static (RoundStep Step, string? Error) Approve(RecoveryRound round, BootstrapDecision decision, DateTimeOffset now, TimeSpan ttl, Func<string> newId)
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
        var line = node is null ? null : decision.LineOf(node);
        if (node is null || line?.Position is not { } position)
        {
            return (new RoundStep(round, []), "the plan has no candidate with a position derived from its datadir as it is now; wait for positions, or force a node");
        }

        return (Issue(round, node, position, line, now, ttl, "approved", newId, []), null);
    }

    /// <summary>A human forces a node (typed confirmation is kbctl's job). Never while some node is Primary.</summary>
    public static (RoundStep Step, string? Error) Force(RecoveryRound round, BootstrapDecision decision, string node, DateTimeOffset now, TimeSpan ttl, Func<string> newId)
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

        if (decision.LineOf(node) is not { } line)
        {
            return (new RoundStep(round, []), $"node '{node}' is not part of cluster {round.Cluster}");
        }

        if (line.Position is not { } position)
        {
            return (new RoundStep(round, []), $"{node} has no position derived from its datadir as it is now (none yet, stale, empty, or --wsrep-recover failed): nothing to bootstrap from");
        }

        return (Issue(round, node, position, line, now, ttl, "forced", newId, []), null);
    }

    /// <summary>
    /// Every member runs but pc.recovery did not reform them in time: it will not (Galera does not
    /// retry a failed quorum). Stopping non-Primary nodes cleanly loses nothing (the agent refuses to
    /// stop a Primary one) and turns them into datadirs whose recovered positions the planner judges.
    /// </summary>
    private static RoundStep PcRecoveryStalled(RecoveryRound round, RoundFacts facts, RoundSettings settings, Func<string> newId, List<RoundEffect> effects)
    {
        var running = facts.Running.Order(StringComparer.Ordinal).ToList();
        var untouchable = running.Where(n => !facts.Expected.Contains(n)).ToList();
        if (untouchable.Count > 0)
        {
            return Await(round, facts, $"pc.recovery did not reform the cluster within {RoundMachine.Seconds(settings.PcRecoveryWait)} and {string.Join(", ", untouchable)} (maintenance or a forked history) cannot be stopped by the round: stop the running nodes by hand, then the round decides from their datadirs", effects);
        }

        var stalled = $"pc.recovery did not reform the cluster within {RoundMachine.Seconds(settings.PcRecoveryWait)} although {string.Join(", ", running)} run (Galera does not retry a failed quorum): stopping them cleanly so the positions recovered from their datadirs decide";
        if (round.Status != stalled)
        {
            effects.Add(new EventEffect($"round {round.Id}: {stalled}"));
        }

        round = CommandDelivery.Deliver(round with { PcRecoveryStalledAt = facts.Now }, running, RoundCommandKind.Fence, facts.Down.Contains, facts, settings, newId, effects);
        return new RoundStep(round with { Phase = RoundPhase.Deciding, Status = stalled }, effects);
    }

    internal static RoundStep Await(RecoveryRound round, RoundFacts facts, string why, List<RoundEffect> effects)
    {
        var status = $"waiting for a human: {why}";
        if (round.Phase != RoundPhase.AwaitingApproval || round.Status != status)
        {
            effects.Add(new EventEffect($"round {round.Id}: {status}"));
        }

        return new RoundStep(round with { Phase = RoundPhase.AwaitingApproval, PhaseSince = round.Phase == RoundPhase.AwaitingApproval ? round.PhaseSince : facts.Now, Status = status }, effects);
    }

    private static RoundStep Issue(RecoveryRound round, string node, Position position, NodePlanLine? line, DateTimeOffset now, TimeSpan ttl, string by, Func<string> newId, List<RoundEffect> effects)
    {
        var grant = new BootstrapGrant($"g-{newId()}", node, position, now, ttl, by, false, null, null, line?.DatadirIdentity ?? string.Empty, line?.EvidenceToken ?? string.Empty, now);
        effects.Add(new EventEffect($"round {round.Id}: grant {grant.Id} ({by}) for {node} to bootstrap from {position}, valid {RoundMachine.Seconds(ttl)}"));
        effects.Add(new SendGrantEffect(grant));
        return new RoundStep(round with { Grants = [.. round.Grants, grant], Phase = RoundPhase.Granted, PhaseSince = now, Status = $"grant sent to {node} ({by})" }, effects);
    }

    private static string Describe(DecisionKind kind) => kind switch
    {
        DecisionKind.Wait => "waiting",
        DecisionKind.LetPcRecovery => "letting pc.recovery reform the cluster",
        DecisionKind.StartNormally => "completing pc.recovery",
        DecisionKind.Bootstrap => "bootstrap",
        DecisionKind.Refuse => "refused, a human must decide",
        DecisionKind.Fence => "fencing",
        _ => "no outage",
    };
}
