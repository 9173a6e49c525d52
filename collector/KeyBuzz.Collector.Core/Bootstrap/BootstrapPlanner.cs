namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>
/// Decides what to do after a full outage (pure). It bootstraps only from a node that provably
/// holds the most advanced position of the one cluster history; anything it cannot prove becomes
/// a wait (naming what is missing) or a refusal (naming why), never a guess.
/// Rules are named after galera.md §0.5 (R1–R9) so decisions can be traced to them.
/// </summary>
public static class BootstrapPlanner
{
    public static BootstrapDecision Plan(ClusterEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var nodes = evidence.Nodes;
        var membership = Membership.Of(nodes);
        var positions = nodes.ToDictionary(n => n.Node, NodePosition.Of, StringComparer.Ordinal);
        var lines = nodes.Select(n => Line(n, positions[n.Node], membership)).ToList();
        var builder = new DecisionBuilder(lines);

        var primary = nodes.Where(n => n.Reporting && n.IsPrimary).Select(n => n.Node).ToList();
        if (primary.Count > 0)
        {
            return builder.Make(DecisionKind.NoOutage, "R1-primary-exists",
                $"{Join(primary)} {(primary.Count == 1 ? "is" : "are")} Primary: not a full outage. Bootstrapping now would create a second cluster; a node outside the Primary Component is a connectivity or rejoin problem");
        }

        if (nodes.Count == 0)
        {
            return builder.Make(DecisionKind.Wait, "R3-no-evidence", "no agent has reported for this cluster");
        }

        var needed = nodes.Where(n => !membership.ProvablyBehind(n)).ToList();
        var silent = needed.Where(n => !n.Reporting).Select(n => n.Node).ToList();
        var candidate = Best(nodes.Where(n => n.Reporting && !n.MariadbRunning), positions);
        var running = nodes.Where(n => n.Reporting && n.MariadbRunning).ToList();
        if (running.Count > 0)
        {
            return PlanWithRunningNodes(builder, needed, running, silent, candidate?.Node);
        }

        var failed = needed.Where(n => n.Reporting && positions[n.Node].Problem == NodePositionProblem.RecoveryFailed).ToList();
        if (failed.Count > 0)
        {
            return builder.Make(DecisionKind.Refuse, "R6-recovery-failed",
                string.Join("; ", failed.Select(n => $"{n.Node}: {positions[n.Node].Detail}")) + ". A human must repair it before any bootstrap", candidate: candidate?.Node);
        }

        var unknown = needed.Where(n => n.Reporting && positions[n.Node].Problem == NodePositionProblem.Unknown).Select(n => n.Node).ToList();
        if (silent.Count > 0 || unknown.Count > 0)
        {
            var parts = new List<string>();
            if (silent.Count > 0)
            {
                parts.Add($"{Join(silent)} not reporting: silence is not evidence, and history does not prove {(silent.Count == 1 ? "it was" : "they were")} behind (it could hold the latest commits, or be alive on the other side of a partition)");
            }

            if (unknown.Count > 0)
            {
                parts.Add($"waiting for the recovered position of {Join(unknown)}");
            }

            return builder.Make(DecisionKind.Wait, silent.Count > 0 ? "R3-member-missing" : "R3-position-pending", string.Join("; ", parts),
                waitingFor: [.. silent, .. unknown], candidate: candidate?.Node);
        }

        var usable = nodes.Where(n => n.Reporting && positions[n.Node].Position is not null).ToList();
        if (usable.Count == 0)
        {
            return builder.Make(DecisionKind.Refuse, "R5-no-usable-data", "no node has a usable committed position (aborted SST or empty datadirs): restore from backup");
        }

        var uuids = usable.Select(n => positions[n.Node].Position!.Uuid).Distinct(StringComparer.Ordinal).ToList();
        if (uuids.Count > 1)
        {
            return builder.Make(DecisionKind.Refuse, "R4-uuid-mismatch",
                "the nodes belong to different cluster histories (" + string.Join(", ", usable.Select(n => $"{n.Node}={positions[n.Node].Position!.Uuid}")) +
                "): seqnos cannot be compared and any bootstrap discards one history. A human must choose");
        }

        var best = candidate!;
        var bestPosition = positions[best.Node].Position!;
        if (evidence.HighWaterMarks.TryGetValue(bestPosition.Uuid, out var highWater) && highWater > bestPosition.Seqno)
        {
            return builder.Make(DecisionKind.Refuse, "R7-regression",
                $"the highest recovered position {bestPosition.Seqno} ({best.Node}) is below seqno {highWater} that the collector already saw committed: bootstrapping would lose committed transactions",
                candidate: best.Node);
        }

        if (best.Maintenance)
        {
            return builder.Make(DecisionKind.Refuse, "R11-maintenance",
                $"{best.Node} holds the highest position but is in maintenance: nothing is done to it. End maintenance or decide by hand", candidate: best.Node);
        }

        var skipped = nodes.Where(membership.ProvablyBehind).Select(n => n.Node).ToList();
        var reason = $"{best.Node} holds the highest position {bestPosition} ({positions[best.Node].Source})";
        if (skipped.Count > 0)
        {
            reason += $"; {Join(skipped)} left the Primary Component earlier (history), so {(skipped.Count == 1 ? "it is" : "they are")} behind and not waited for";
        }

        return builder.Make(DecisionKind.Bootstrap, "bootstrap-most-advanced", reason, node: best.Node, position: bestPosition, candidate: best.Node);
    }

    private static BootstrapDecision PlanWithRunningNodes(DecisionBuilder builder, List<NodeEvidence> needed, List<NodeEvidence> running, List<string> silent, string? candidate)
    {
        var runningNames = Join(running.Select(n => n.Node));
        if (running.Any(n => !n.GvwstatePresent))
        {
            return builder.Make(DecisionKind.Refuse, "R9-no-saved-view",
                $"{runningNames} run{(running.Count == 1 ? "s" : string.Empty)} without a Primary Component and without gvwstate.dat, so pc.recovery cannot reform the cluster: stop {(running.Count == 1 ? "it" : "them")}, then approve a bootstrap plan",
                candidate: candidate);
        }

        var missing = needed.Where(n => !(n.Reporting && n.MariadbRunning)).ToList();
        if (missing.Count == 0)
        {
            return builder.Make(DecisionKind.LetPcRecovery, "R9-pc-recovery",
                $"every member of the last Primary Component is running ({runningNames}): Galera's pc.recovery reforms it by itself; intervening would only race it");
        }

        if (silent.Count > 0)
        {
            return builder.Make(DecisionKind.Wait, "R2-partition-possible",
                $"{runningNames} wait{(running.Count == 1 ? "s" : string.Empty)} for a Primary Component and {Join(silent)} {(silent.Count == 1 ? "is" : "are")} not reporting: it may be alive on the other side of a partition",
                waitingFor: silent, candidate: candidate);
        }

        var blocked = missing.Where(n => n.Maintenance).Select(n => n.Node).ToList();
        if (blocked.Count > 0)
        {
            return builder.Make(DecisionKind.Refuse, "R11-maintenance",
                $"{runningNames} wait{(running.Count == 1 ? "s" : string.Empty)} for {Join(blocked)}, which {(blocked.Count == 1 ? "is" : "are")} in maintenance: decide by hand", candidate: candidate);
        }

        var start = missing.Select(n => n.Node).ToList();
        return builder.Make(DecisionKind.StartNormally, "R9-complete-pc-recovery",
            $"{runningNames} wait{(running.Count == 1 ? "s" : string.Empty)} for the rest of the last Primary Component: start {Join(start)} normally (no bootstrap) so pc.recovery can reform it",
            startNodes: start);
    }

    /// <summary>Highest seqno; ties go to a node whose grastate says safe_to_bootstrap with a real position, then by name.</summary>
    private static NodeEvidence? Best(IEnumerable<NodeEvidence> nodes, IReadOnlyDictionary<string, NodePosition> positions) =>
        nodes.Where(n => positions[n.Node].Position is not null)
            .OrderByDescending(n => positions[n.Node].Position!.Seqno)
            .ThenByDescending(n => n.Grastate is { SafeToBootstrap: true, Seqno: >= 0 })
            .ThenBy(n => n.Node, StringComparer.Ordinal)
            .FirstOrDefault();

    private static NodePlanLine Line(NodeEvidence n, NodePosition position, Membership membership)
    {
        var state = !n.Reporting ? "not reporting" : n.MariadbRunning ? $"running, {n.ClusterStatus ?? "no SQL"}" : "mariadbd down";
        var notes = new List<string>();
        if (position.Detail.Length > 0)
        {
            notes.Add(position.Detail);
        }

        if (n.Grastate is { SafeToBootstrap: true } g && (g.Seqno < 0 || g.Uuid == Position.ZeroUuid))
        {
            notes.Add("safe_to_bootstrap=1 ignored: grastate.dat holds no position");
        }

        if (membership.ProvablyBehind(n))
        {
            notes.Add("left the Primary Component before the others (behind)");
        }

        if (n.Maintenance)
        {
            notes.Add("in maintenance");
        }

        return new NodePlanLine(n.Node, state, position.Position, position.Source, string.Join("; ", notes));
    }

    private static string Join(IEnumerable<string> names) => string.Join(", ", names);
}
