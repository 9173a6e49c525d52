using System.Globalization;
using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.View;

/// <summary>Turns a node's latest state into the problems an operator should see (pure).</summary>
public static class NodeAssessor
{
    public const double FlowControlWarnPercent = 10;
    public const long RecvQueueWarn = 100;

    /// <param name="missedIntervals">After this many sampling intervals without a reading the node is "not reporting".</param>
    public static NodeAssessment Assess(NodeState state, DateTimeOffset now, int missedIntervals)
    {
        ArgumentNullException.ThrowIfNull(state);
        var since = now - state.LastSeen;
        if (since < TimeSpan.Zero)
        {
            since = TimeSpan.Zero;
        }

        var reporting = since <= state.Agent.Interval * missedIntervals;
        var problems = new List<string>();
        var r = state.Latest;
        if (!reporting)
        {
            problems.Add($"not reporting for {Seconds(since)} (agent, host or network down?)");
        }

        if (!r.MariadbRunning)
        {
            problems.Add("mariadbd down");
        }
        else if (!r.SqlReachable)
        {
            problems.Add("mariadbd running but not answering SQL");
        }
        else
        {
            AddWsrepProblems(state, r, problems);
        }

        if (r.RepairState == "held")
        {
            problems.Add($"self-repair held: {r.RepairReason}");
        }

        if (r.Grastate?.Error is { } grastateError)
        {
            problems.Add($"grastate.dat unreadable: {grastateError}");
        }

        if (r.DroppedTotal > 0)
        {
            problems.Add($"agent dropped {r.DroppedTotal} readings (collector unreachable longer than its buffer)");
        }

        // Process and SQL failures already speak for themselves; other sampler errors are news.
        foreach (var error in r.Errors.Where(e => r.SqlReachable || !IsSqlSampler(e)))
        {
            problems.Add(error);
        }

        return new NodeAssessment(reporting, since, problems);
    }

    private static void AddWsrepProblems(NodeState state, NodeReading r, List<string> problems)
    {
        var clusterStatus = r.Text(WsrepStatus.ClusterStatus);
        if (clusterStatus is not null && clusterStatus != WsrepStatus.Primary)
        {
            problems.Add($"{clusterStatus} component (no quorum on this side)");
        }

        var localState = r.Text(WsrepStatus.LocalStateComment);
        if (localState is not null && localState != WsrepStatus.Synced)
        {
            problems.Add($"state {localState}");
        }

        if (r.Text(WsrepStatus.Ready) is "OFF")
        {
            problems.Add("wsrep_ready=OFF (refuses queries)");
        }

        if (r.Long(WsrepStatus.RecvQueue) is > RecvQueueWarn and var queue)
        {
            problems.Add($"receive queue {queue} (node is slow to apply)");
        }

        if (state.FlowControlPausedPercent is > FlowControlWarnPercent and var paused)
        {
            problems.Add($"flow control paused {paused.ToString("0", CultureInfo.InvariantCulture)}% of the time");
        }
    }

    private static bool IsSqlSampler(string error) =>
        error.StartsWith("wsrep_status:", StringComparison.Ordinal) ||
        error.StartsWith("health_counters:", StringComparison.Ordinal) ||
        error.StartsWith("variables:", StringComparison.Ordinal);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s";
}
