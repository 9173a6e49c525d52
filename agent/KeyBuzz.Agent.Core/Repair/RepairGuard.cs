using System.Globalization;

namespace KeyBuzz.Agent.Core.Repair;

/// <summary>
/// Decides whether this agent may restart its crashed mariadbd (pure). It restarts only a node
/// that crashed (not one stopped on purpose), only on a position re-derived from the datadir as it
/// is now, only when the collector's fresh view shows a Primary Component of the same cluster
/// history elsewhere, never in maintenance, during a coordinated recovery or while automatic
/// actions are stopped, after the survivors evicted it, and within the restart budget.
/// </summary>
public static class RepairGuard
{
    public static RepairDecision Decide(RepairInputs input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.MariadbRunning)
        {
            return new(RepairAction.None, "idle", "mariadbd is running");
        }

        if (input.GrastateSeqno is >= 0)
        {
            return new(RepairAction.None, "stopped", "mariadbd was stopped cleanly (grastate.dat holds its position): not a crash, left alone");
        }

        if (input.Advice is { Maintenance: true })
        {
            return new(RepairAction.None, "maintenance", "node in maintenance: nothing is done to it");
        }

        if (input.Budget.Held)
        {
            return new(RepairAction.None, "held", $"crash loop: {input.Budget.MaxAttempts} restarts within {Minutes(input.Budget.Window)} did not bring mariadbd back; fix the cause, then release it (maintenance on, then off)");
        }

        if (input.Evidence is not { } evidence)
        {
            return new(RepairAction.None, "crashed", "mariadbd crashed: waiting for its position from --wsrep-recover on the datadir as it is now");
        }

        if (evidence.Error is { } error)
        {
            return new(RepairAction.None, "crashed", $"--wsrep-recover failed ({error}): not restarting; a human must look at the datadir");
        }

        if (evidence.PreparedTransactions)
        {
            return new(RepairAction.None, "crashed", "InnoDB found prepared XA transactions: a human must run --tc-heuristic-recover; not restarting");
        }

        if (evidence.Disagreement is { } disagreement)
        {
            return new(RepairAction.None, "waiting", $"{disagreement}; not restarting: a human must decide which to keep");
        }

        if (input.Advice is not { } advice)
        {
            return new(RepairAction.None, "waiting", "no fresh view from the collector: doing nothing irreversible");
        }

        if (advice.AutomaticActionsStopped.Length > 0)
        {
            return new(RepairAction.None, "waiting", $"automatic actions are stopped for this cluster: {advice.AutomaticActionsStopped}");
        }

        if (advice.ActiveRound != 0)
        {
            return new(RepairAction.None, "waiting", $"recovery round {advice.ActiveRound} in progress: the collector coordinates");
        }

        if (!advice.PrimaryElsewhere)
        {
            return new(RepairAction.None, "waiting", "no Primary Component elsewhere: not restarting (a full outage is coordinated by the collector)");
        }

        var position = evidence.Position;
        if (position is not null && !string.Equals(advice.PrimaryStateUuid, position.Uuid, StringComparison.OrdinalIgnoreCase))
        {
            return new(RepairAction.None, "waiting", $"the Primary Component has cluster UUID {advice.PrimaryStateUuid}, this node {position.Uuid}: rejoining would discard local history; a human must decide");
        }

        if (!advice.SelfEvicted && input.Now - input.DownSince < input.EvictionWaitMax)
        {
            return new(RepairAction.None, "waiting", "waiting until the survivors evict this node (rejoining earlier stalls cluster writes)");
        }

        if (input.Budget.Spent(input.Now))
        {
            return new(RepairAction.Hold, "held", $"crash loop: {input.Budget.AttemptsInWindow(input.Now)} restarts within {Minutes(input.Budget.Window)}; holding for a human");
        }

        if (input.Budget.NextAllowedAt(input.Now) is { } when)
        {
            return new(RepairAction.None, "waiting", $"restart backoff: next attempt in {Seconds(when - input.Now)}");
        }

        return position is null
            ? new(RepairAction.Restart, "restarting", $"the datadir holds no data: joining the Primary Component of {string.Join(", ", advice.PrimaryNodes)} by full state transfer (SST)")
            : new(RepairAction.Restart, "restarting", $"rejoining the Primary Component of {string.Join(", ", advice.PrimaryNodes)} from {position}", position);
    }

    private static string Seconds(TimeSpan span) => Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";

    private static string Minutes(TimeSpan span) => span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min";
}
