using static KeyBuzz.Collector.Core.Bootstrap.PlanContext;

namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>
/// No node is Primary but some run (waiting for a Primary Component). History decides whose view
/// counts: a running node whose view history proves older than the latest Primary Component is
/// stopped first (it could re-form that stale component); Galera's pc.recovery is completed only on
/// the latest view.
/// </summary>
internal static class RunningNodesRules
{
    public static BootstrapDecision? Plan(PlanContext context, string? candidate)
    {
        var b = context.Builder;
        var running = context.Nodes.Where(n => n.Reporting && n.MariadbRunning).ToList();
        if (running.Count == 0)
        {
            return null;
        }

        var stale = running.Where(n => n.TakesNoPart).ToList();
        if (stale.Count > 0)
        {
            var names = Join(stale.Select(n => n.Node));
            if (stale.FirstOrDefault(n => n.Maintenance) is { } kept)
            {
                return b.Make(DecisionKind.Refuse, "R11-maintenance",
                    $"{kept.Node} runs on a view older than the latest Primary Component but is in maintenance: nothing is done to it. Stop it by hand or end maintenance", candidate: candidate);
            }

            var latest = context.Evidence.Latest is { } l ? $" {{{Join(l.Members)}}}" : string.Empty;
            return b.Make(DecisionKind.Fence, "R14-fence-stale-view",
                $"{names} run{Verb(stale.Count, "s", string.Empty)} outside any Primary Component on a view older than the latest one{latest} (history): stopping {Verb(stale.Count, "it", "them")} first so {Verb(stale.Count, "it", "they")} cannot re-form a stale component without the newer commits; {Verb(stale.Count, "it rejoins", "they rejoin")} last",
                fence: [.. stale.Select(n => n.Node)], candidate: candidate);
        }

        var runningNames = Join(running.Select(n => n.Node));
        var runs = Verb(running.Count, "runs", "run");
        var unproven = running.Where(n => n.History == NodeHistory.LeftBefore).Select(n => n.Node).ToList();
        if (unproven.Count > 0)
        {
            return b.Make(DecisionKind.Refuse, "R9-view-unproven",
                $"{Join(unproven)} {Verb(unproven.Count, "runs", "run")} on a view from before the latest Primary Component, and not every member of that component was seen: history cannot prove which view is the latest, so pc.recovery is not completed automatically. Stop {Verb(unproven.Count, "it", "them")}, or approve the plan",
                candidate: candidate);
        }

        if (context.Evidence.PcRecoveryFailed)
        {
            // Completing or waiting for pc.recovery again would restart the loop the round already gave up on.
            return b.Make(DecisionKind.Fence, "R9-pc-recovery-failed",
                $"pc.recovery did not reform the cluster in this round: stopping {runningNames} cleanly so the positions recovered from their datadirs decide (never a stopped one started to complete it)",
                fence: [.. running.Select(n => n.Node)], candidate: candidate);
        }

        var needed = context.Needed;
        var missing = needed.Where(n => !(n.Reporting && n.MariadbRunning)).ToList();
        var wiped = missing.Where(n => n.Reporting && context.PositionOf(n).Problem == NodePositionProblem.Empty).Select(n => n.Node).ToList();
        if (wiped.Count > 0)
        {
            // A wiped member has lost its identity in the saved view: pc.recovery can never complete.
            if (running.FirstOrDefault(n => n.Maintenance) is { } held)
            {
                return b.Make(DecisionKind.Refuse, "R11-maintenance",
                    $"{Join(wiped)} {Verb(wiped.Count, "holds", "hold")} no data, so {runningNames} cannot re-form the latest Primary Component by pc.recovery, and {held.Node} is in maintenance: decide by hand", candidate: candidate);
            }

            return b.Make(DecisionKind.Fence, "R9-pc-recovery-impossible",
                $"{Join(wiped)} {Verb(wiped.Count, "holds", "hold")} no data (wiped or re-initialised datadir), so the latest Primary Component cannot re-form by pc.recovery: stopping {runningNames} cleanly so the most advanced node can be bootstrapped from its data; {Verb(wiped.Count, "the empty one joins", "the empty ones join")} by SST",
                fence: [.. running.Select(n => n.Node)], candidate: candidate);
        }

        if (running.Any(n => !n.GvwstatePresent))
        {
            return b.Make(DecisionKind.Refuse, "R9-no-saved-view",
                $"{runningNames} {runs} without a Primary Component and without gvwstate.dat, so pc.recovery cannot reform the cluster: stop {Verb(running.Count, "it", "them")}, then approve a bootstrap plan",
                candidate: candidate);
        }

        if (missing.Count == 0)
        {
            return b.Make(DecisionKind.LetPcRecovery, "R9-pc-recovery",
                $"every member of the last Primary Component is running ({runningNames}): Galera's pc.recovery reforms it by itself; intervening would only race it");
        }

        var silent = missing.Where(n => !n.Reporting).Select(n => n.Node).ToList();
        var wait = Verb(running.Count, "waits", "wait");
        if (silent.Count > 0)
        {
            return b.Make(DecisionKind.Wait, "R2-partition-possible",
                $"{runningNames} {wait} for a Primary Component and {Join(silent)} {Verb(silent.Count, "is", "are")} not reporting: it may be alive on the other side of a partition",
                waitingFor: silent, candidate: candidate);
        }

        var blocked = missing.Where(n => n.Maintenance).Select(n => n.Node).ToList();
        if (blocked.Count > 0)
        {
            return b.Make(DecisionKind.Refuse, "R11-maintenance",
                $"{runningNames} {wait} for {Join(blocked)}, which {Verb(blocked.Count, "is", "are")} in maintenance: decide by hand", candidate: candidate);
        }

        // Started normally, a member joins on its datadir as it is: only on a fresh position of its own data.
        var pending = missing.Where(n => context.PositionOf(n).Problem != NodePositionProblem.None).ToList();
        if (pending.Count > 0)
        {
            return b.Make(DecisionKind.Wait, "R3-position-pending",
                $"{runningNames} {wait} for {Join(pending.Select(n => n.Node))}, whose position from its datadir as it is now is not known yet ({string.Join("; ", pending.Select(n => context.PositionOf(n).Detail))})",
                waitingFor: [.. pending.Select(n => n.Node)], candidate: candidate);
        }

        var start = missing.Select(n => n.Node).ToList();
        return b.Make(DecisionKind.StartNormally, "R9-complete-pc-recovery",
            $"{runningNames} {wait} for the rest of the latest Primary Component: start {Join(start)} normally (no bootstrap) so pc.recovery can reform it",
            startNodes: start);
    }
}
