namespace KeyBuzz.Collector.Core.Tuning;

/// <summary>
/// Whether one node may be taken away now (a restart for a config change, a drill): only from a
/// complete, healthy cluster, so at most one node is ever away. Null means go; otherwise the reason.
/// </summary>
public static class DisruptionGate
{
    /// <param name="crash">A crash (SIGKILL) instead of a clean leave: the survivors must keep a majority of the votes.</param>
    public static string? Refusal(IReadOnlyList<NodeHealth> nodes, int expectedSize, bool recoveryActive, IReadOnlyList<string> criticalAlerts, bool crash = false)
    {
        if (recoveryActive)
        {
            return "a recovery round is in progress: nothing else is done to this cluster until it ends";
        }

        if (expectedSize < 2)
        {
            return $"the cluster has {expectedSize} known node(s): taking one away would leave no Primary Component";
        }

        if (crash && expectedSize < 3)
        {
            return $"a crash of one of {expectedSize} nodes leaves the survivor without a majority (non-Primary): use a clean stop";
        }

        if (nodes.Count < expectedSize)
        {
            return $"only {nodes.Count} of {expectedSize} expected nodes have reported to the collector";
        }

        var maintenance = nodes.Where(n => n.Maintenance).Select(n => n.Node).ToList();
        if (maintenance.Count > 0)
        {
            return $"{string.Join(", ", maintenance)} in maintenance: take it out first (kbctl maintenance off NODE)";
        }

        var notSynced = nodes.Where(n => !n.Synced).Select(Describe).ToList();
        if (notSynced.Count > 0)
        {
            return $"not every node is Synced in the Primary Component: {string.Join("; ", notSynced)}";
        }

        var small = nodes.Where(n => n.ClusterSize < expectedSize).Select(n => $"{n.Node} sees {n.ClusterSize}").ToList();
        if (small.Count > 0)
        {
            return $"the cluster is not at its full size of {expectedSize} ({string.Join(", ", small)})";
        }

        if (criticalAlerts.Count > 0)
        {
            return $"critical alert(s) firing: {string.Join(", ", criticalAlerts)}";
        }

        return null;
    }

    private static string Describe(NodeHealth n) =>
        !n.Reporting ? $"{n.Node} not reporting"
        : !n.MariadbRunning ? $"{n.Node} mariadbd down"
        : $"{n.Node} {(n.ClusterStatus.Length == 0 ? "unknown" : n.ClusterStatus)}/{(n.LocalState.Length == 0 ? "unknown" : n.LocalState)}";
}
