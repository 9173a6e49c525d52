using static KeyBuzz.Collector.Core.Bootstrap.PlanContext;

namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>
/// Decides what to do after a full outage (pure). It bootstraps only from a node that provably
/// holds the most advanced position of the one cluster history, derived from its datadir as it is
/// now; anything it cannot prove becomes a wait (naming what is missing) or a refusal (naming why),
/// never a guess. Rules are named after galera.md §0.5 (R1–R9) and the project's own (R11–R15).
/// </summary>
public static class BootstrapPlanner
{
    public static BootstrapDecision Plan(ClusterEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var context = new PlanContext(evidence);
        var b = context.Builder;
        var nodes = context.Nodes;

        var primary = nodes.Where(n => n.Reporting && n.IsPrimary).Select(n => n.Node).ToList();
        if (primary.Count > 0)
        {
            return b.Make(DecisionKind.NoOutage, "R1-primary-exists",
                $"{Join(primary)} {Verb(primary.Count, "is", "are")} Primary: not a full outage. Bootstrapping now would create a second cluster; a node outside the Primary Component is a connectivity or rejoin problem");
        }

        if (nodes.Count == 0)
        {
            return b.Make(DecisionKind.Wait, "R3-no-evidence", "no agent has reported for this cluster");
        }

        var candidate = context.Best()?.Node;
        if (evidence.Stopped is { } stopped)
        {
            return b.Make(DecisionKind.Refuse, "R13-forked-history", $"automatic actions are stopped: {stopped}", candidate: candidate);
        }

        if (RunningNodesRules.Plan(context, candidate) is { } withRunning)
        {
            return withRunning;
        }

        var needed = context.Needed.Where(n => n.Reporting).ToList();
        var failed = needed.Where(n => context.PositionOf(n).Problem == NodePositionProblem.RecoveryFailed).ToList();
        if (failed.Count > 0)
        {
            return b.Make(DecisionKind.Refuse, "R6-recovery-failed",
                string.Join("; ", failed.Select(n => $"{n.Node}: {context.PositionOf(n).Detail}")) + ". A human must repair it before any bootstrap", candidate: candidate);
        }

        var silent = context.Needed.Where(n => !n.Reporting).Select(n => n.Node).ToList();
        var unknown = needed.Where(n => context.PositionOf(n).Problem == NodePositionProblem.Unknown).Select(n => n.Node).ToList();
        if (silent.Count > 0 || unknown.Count > 0)
        {
            var parts = new List<string>();
            if (silent.Count > 0)
            {
                parts.Add($"{Join(silent)} not reporting: silence is not evidence, and history does not prove {Verb(silent.Count, "it was", "they were")} behind (it could hold the latest commits, or be alive on the other side of a partition)");
            }

            if (unknown.Count > 0)
            {
                parts.Add($"waiting for a position derived from the datadir as it is now on {Join(unknown)}");
            }

            return b.Make(DecisionKind.Wait, silent.Count > 0 ? "R3-member-missing" : "R3-position-pending", string.Join("; ", parts),
                waitingFor: [.. silent, .. unknown], candidate: candidate);
        }

        return DataRules.Plan(context, needed);
    }
}
