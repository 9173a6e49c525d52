namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>The phases after a grant: the agent's answer, the bootstrap becoming Synced, the others joining.</summary>
internal static class RoundPhases
{
    public static RoundStep AwaitAnswer(RecoveryRound round, RoundFacts facts, RoundSettings settings, Func<string> newId, List<RoundEffect> effects)
    {
        var grant = round.Grant!;
        if (facts.SyncedPrimary.Contains(grant.Node))
        {
            return StartOthers(ToStartingOthers(round, grant, facts, effects).Round!, facts, settings, newId, effects);
        }

        if (facts.Now <= grant.DeadAfter)
        {
            // Unanswered and live: send it again (same id; an agent that already acted answers with what it did).
            if (grant.Accepted is null && facts.Now < grant.IssuedAt + grant.Ttl && (grant.LastSentAt is not { } sent || facts.Now - sent >= settings.Resend))
            {
                var again = grant with { LastSentAt = facts.Now };
                effects.Add(new SendGrantEffect(again));
                return new RoundStep(round with { Grants = [.. round.Grants.Take(round.Grants.Count - 1), again] }, effects);
            }

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

    public static RoundStep AwaitBootstrap(RecoveryRound round, RoundFacts facts, RoundSettings settings, Func<string> newId, List<RoundEffect> effects)
    {
        var grant = round.Grant!;
        if (facts.SyncedPrimary.Contains(grant.Node))
        {
            return StartOthers(ToStartingOthers(round, grant, facts, effects).Round!, facts, settings, newId, effects);
        }

        // The agent started the bootstrap, and its own fresh reading shows no mariadbd now (stopped by someone, or
        // it died): nothing can form. Say so now, as the Synced timeout would say it only minutes later.
        if (grant.Accepted == true && facts.Stopped?.Contains(grant.Node) == true && facts.Now - round.PhaseSince > RoundSettings.BootstrapGone)
        {
            effects.Add(new EventEffect($"round {round.Id}: failed: {grant.Node} started its bootstrap but its mariadbd is not running {RoundMachine.Seconds(facts.Now - round.PhaseSince)} later; check its error log, then `kbctl bootstrap plan`"));
            return new RoundStep(round with { Phase = RoundPhase.Failed, PhaseSince = facts.Now, Status = $"failed: {grant.Node}'s bootstrapped mariadbd is not running" }, effects);
        }

        if (facts.Now - round.PhaseSince > settings.SyncedTimeout)
        {
            effects.Add(new EventEffect($"round {round.Id}: failed: {grant.Node} did not become Primary and Synced within {RoundMachine.Seconds(settings.SyncedTimeout)}; check its error log"));
            return new RoundStep(round with { Phase = RoundPhase.Failed, PhaseSince = facts.Now, Status = $"failed: {grant.Node} not Synced after bootstrap" }, effects);
        }

        return new RoundStep(round, effects);
    }

    /// <summary>Everyone else starts normally; nodes the round fenced start only once the others are Synced.</summary>
    public static RoundStep StartOthers(RecoveryRound round, RoundFacts facts, RoundSettings settings, Func<string> newId, List<RoundEffect> effects)
    {
        // The Primary Component this round formed is gone: its bootstrap node stopped and nobody is Primary.
        // Starting nodes normally now would leave them waiting for a Primary that no longer exists: a new
        // outage, decided again by the next round from fresh evidence.
        if (round.Grant is { Accepted: true } formed && facts.SyncedPrimary.Count == 0 && facts.Stopped?.Contains(formed.Node) == true)
        {
            effects.Add(new EventEffect($"round {round.Id}: failed: {formed.Node}, the bootstrapped node, stopped while the others were starting and no node is Primary: a new outage; the next round decides again from fresh evidence"));
            return new RoundStep(round with { Phase = RoundPhase.Failed, PhaseSince = facts.Now, Status = $"failed: {formed.Node} stopped after its bootstrap and no node is Primary" }, effects);
        }

        // The Primary Component this round formed is gone although some nodes still run (a partition split the
        // bootstrapped node from the ones that joined it): no start can succeed without a Primary. Once that is
        // confirmed like any outage, it is a new outage, decided again by the next round from fresh evidence.
        if (facts.NoPrimarySince is { } lost && facts.Now - lost >= settings.OutageConfirm && lost >= round.PhaseSince)
        {
            effects.Add(new EventEffect($"round {round.Id}: failed: the Primary Component formed from {round.Grant?.Node ?? "the bootstrap"} is gone (no node Primary for {RoundMachine.Seconds(facts.Now - lost)}) while the others were starting: a new outage; the next round decides again from fresh evidence"));
            return new RoundStep(round with { Phase = RoundPhase.Failed, PhaseSince = facts.Now, Status = "failed: the Primary Component it formed is gone" }, effects);
        }

        var fenced = round.Fenced.ToHashSet(StringComparer.Ordinal);
        var first = facts.Startable.Where(n => !fenced.Contains(n)).Order(StringComparer.Ordinal).ToList();
        round = CommandDelivery.Deliver(round, first, RoundCommandKind.Start, facts.Running.Contains, facts, settings, newId, effects);
        if (facts.Expected.Where(n => !fenced.Contains(n)).All(facts.SyncedPrimary.Contains))
        {
            var last = facts.Startable.Where(fenced.Contains).Order(StringComparer.Ordinal).ToList();
            round = CommandDelivery.Deliver(round, last, RoundCommandKind.Start, facts.Running.Contains, facts, settings, newId, effects);
        }

        var abandoned = round.CommandLog.Where(c => c.Kind == RoundCommandKind.Start && c.Abandoned && !facts.SyncedPrimary.Contains(c.Node)).ToList();
        var waitingFor = facts.Expected.Where(n => !facts.SyncedPrimary.Contains(n) && abandoned.All(a => a.Node != n)).ToList();
        if (waitingFor.Count == 0)
        {
            if (abandoned.Count == 0)
            {
                effects.Add(new EventEffect($"round {round.Id}: done: {facts.SyncedPrimary.Count} nodes Primary and Synced"));
                return new RoundStep(round with { Phase = RoundPhase.Done, PhaseSince = facts.Now, Status = "done: cluster recovered" }, effects);
            }

            var why = string.Join("; ", abandoned.Select(a => $"{a.Node}: {a.Answer}"));
            effects.Add(new EventEffect($"round {round.Id}: the Primary Component is back, but some nodes could not be started ({why})"));
            return new RoundStep(round with { Phase = RoundPhase.Failed, PhaseSince = facts.Now, Status = $"partly recovered: {why}" }, effects);
        }

        if (facts.Now - round.PhaseSince > settings.SyncedTimeout)
        {
            effects.Add(new EventEffect($"round {round.Id}: the Primary Component is back, but {string.Join(", ", waitingFor)} did not become Synced within {RoundMachine.Seconds(settings.SyncedTimeout)}"));
            return new RoundStep(round with { Phase = RoundPhase.Failed, PhaseSince = facts.Now, Status = "partly recovered: some nodes not Synced" }, effects);
        }

        var stuck = CommandDelivery.Pending(round, RoundCommandKind.Start, facts.Running.Contains).ToList();
        var status = stuck.Count == 0 ? round.Status : $"{round.Grant?.Node ?? "the cluster"} Synced; waiting for {string.Join("; ", stuck)} (retried until {RoundMachine.Seconds(settings.SyncedTimeout)} after the bootstrap)";
        return new RoundStep(round with { Status = status }, effects);
    }

    private static RoundStep ToStartingOthers(RecoveryRound round, BootstrapGrant grant, RoundFacts facts, List<RoundEffect> effects)
    {
        effects.Add(new EventEffect($"round {round.Id}: {grant.Node} is Primary and Synced; starting the others normally"));
        return new RoundStep(round with { Phase = RoundPhase.StartingOthers, PhaseSince = facts.Now, Status = $"{grant.Node} Synced; starting the others" }, effects);
    }
}
