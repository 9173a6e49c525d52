using static KeyBuzz.Collector.Core.Bootstrap.PlanContext;

namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>
/// Every needed node is down and has fresh evidence: choose from the data itself. One history
/// (R4), no node's InnoDB above the chosen one while its grastate.dat is in doubt (R15), nothing
/// below what history saw committed (R7), and empty datadirs are skipped only when history proves
/// the chosen node holds every commit (R5).
/// </summary>
internal static class DataRules
{
    public static BootstrapDecision Plan(PlanContext context, IReadOnlyList<NodeEvidence> needed)
    {
        var b = context.Builder;
        var best = context.Best();
        if (best is null)
        {
            return b.Make(DecisionKind.Refuse, "R5-no-usable-data", "no node has a usable committed position (aborted SST, empty datadirs, or grastate.dat contradicting InnoDB): restore from backup or decide by hand");
        }

        var bestPosition = context.PositionOf(best).Position!;
        var withData = context.Nodes.Where(n => n.Reporting && !n.MariadbRunning && n.History != NodeHistory.ServedFork && context.PositionOf(n).Position is not null).ToList();
        var uuids = withData.Select(n => context.PositionOf(n).Position!.Uuid).Distinct(StringComparer.Ordinal).ToList();
        if (uuids.Count > 1)
        {
            return b.Make(DecisionKind.Refuse, "R4-uuid-mismatch",
                "the nodes belong to different cluster histories (" + Join(withData.Select(n => $"{n.Node}={context.PositionOf(n).Position!.Uuid}")) +
                "): seqnos cannot be compared and any bootstrap discards one history. A human must choose");
        }

        var doubtful = needed.Where(n => context.PositionOf(n) is { Problem: NodePositionProblem.Disagrees, Position: { } p } && p.Seqno > bestPosition.Seqno).ToList();
        if (doubtful.Count > 0)
        {
            return b.Make(DecisionKind.Refuse, "R15-grastate-disagrees",
                string.Join("; ", doubtful.Select(n => $"{n.Node}'s InnoDB holds {context.PositionOf(n).Position}, above {best.Node}, but {context.PositionOf(n).Detail}")) +
                ". A human must decide which data to keep", candidate: best.Node);
        }

        var latest = context.Evidence.Latest;
        if (latest is not null && latest.Uuid == bestPosition.Uuid && latest.HighWater > bestPosition.Seqno)
        {
            return b.Make(DecisionKind.Refuse, "R7-regression",
                $"the highest recovered position {bestPosition.Seqno} ({best.Node}) is below seqno {latest.HighWater} that the collector already saw committed: bootstrapping would lose committed transactions",
                candidate: best.Node);
        }

        var empty = needed.Where(n => context.PositionOf(n).Problem == NodePositionProblem.Empty).Select(n => n.Node).ToList();
        if (empty.Count > 0 && (latest is null || latest.Uuid != bestPosition.Uuid))
        {
            return b.Make(DecisionKind.Refuse, "R5-empty-unproven",
                $"{Join(empty)} {Verb(empty.Count, "holds", "hold")} no data (empty or re-initialised datadir) and the collector has no history of this cluster proving {best.Node} holds every commit: approve to bootstrap {best.Node}",
                candidate: best.Node);
        }

        if (best.Maintenance)
        {
            return b.Make(DecisionKind.Refuse, "R11-maintenance",
                $"{best.Node} holds the highest position but is in maintenance: nothing is done to it. End maintenance or decide by hand", candidate: best.Node);
        }

        var reason = $"{best.Node} holds the highest position {bestPosition} ({context.PositionOf(best).Source})";
        var behind = context.Nodes.Where(n => n.History == NodeHistory.Behind).Select(n => n.Node).ToList();
        if (behind.Count > 0)
        {
            reason += $"; {Join(behind)} left the Primary Component earlier (history), so {Verb(behind.Count, "it is", "they are")} behind and not waited for";
        }

        var forked = context.Nodes.Where(n => n.History == NodeHistory.ServedFork).Select(n => n.Node).ToList();
        if (forked.Count > 0)
        {
            reason += $"; {Join(forked)} served a forked history, so {Verb(forked.Count, "its", "their")} data is no source";
        }

        if (empty.Count > 0)
        {
            reason += $"; {Join(empty)} {Verb(empty.Count, "holds", "hold")} no data and will join by SST: history proves {best.Node} holds every commit seen (seqno {latest!.HighWater})";
        }

        return b.Make(DecisionKind.Bootstrap, "bootstrap-most-advanced", reason, node: best.Node, position: bestPosition, candidate: best.Node);
    }
}
