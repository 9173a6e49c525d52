using System.Globalization;

namespace KeyBuzz.Agent.Core.Repair;

/// <summary>
/// Decides whether this agent may restart its crashed mariadbd (pure). It restarts only a node
/// that crashed (not one stopped on purpose), only when the collector's fresh view shows a Primary
/// Component of the same cluster history elsewhere, never in maintenance or during a coordinated
/// recovery, after the survivors evicted it, and within the restart budget.
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

        var next = input.Budget.NextAllowedAt(input.Now);
        if (input.Recovered is null)
        {
            if (input.RecoverError is not null)
            {
                if (input.Budget.Spent(input.Now))
                {
                    return new(RepairAction.Hold, "held", $"--wsrep-recover keeps failing ({input.RecoverError}); holding after {input.Budget.MaxAttempts} attempts");
                }

                if (next is { } at)
                {
                    return new(RepairAction.None, "crashed", $"--wsrep-recover failed ({input.RecoverError}); next try in {Seconds(at - input.Now)}");
                }
            }

            return new(RepairAction.RecoverPosition, "crashed", "mariadbd crashed: recovering its position with --wsrep-recover");
        }

        if (input.Advice is not { } advice)
        {
            return new(RepairAction.None, "waiting", "no fresh view from the collector: doing nothing irreversible");
        }

        if (advice.ActiveRound != 0)
        {
            return new(RepairAction.None, "waiting", $"recovery round {advice.ActiveRound} in progress: the collector coordinates");
        }

        if (!advice.PrimaryElsewhere)
        {
            return new(RepairAction.None, "waiting", "no Primary Component elsewhere: not restarting (a full outage is coordinated by the collector)");
        }

        if (!string.Equals(advice.PrimaryStateUuid, input.Recovered.Uuid, StringComparison.OrdinalIgnoreCase))
        {
            return new(RepairAction.None, "waiting", $"the Primary Component has cluster UUID {advice.PrimaryStateUuid}, this node {input.Recovered.Uuid}: rejoining would discard local history; a human must decide");
        }

        if (!advice.SelfEvicted && input.Now - input.DownSince < input.EvictionWaitMax)
        {
            return new(RepairAction.None, "waiting", "waiting until the survivors evict this node (rejoining earlier stalls cluster writes)");
        }

        if (input.Budget.Spent(input.Now))
        {
            return new(RepairAction.Hold, "held", $"crash loop: {input.Budget.AttemptsInWindow(input.Now)} restarts within {Minutes(input.Budget.Window)}; holding for a human");
        }

        if (next is { } when)
        {
            return new(RepairAction.None, "waiting", $"restart backoff: next attempt in {Seconds(when - input.Now)}");
        }

        return new(RepairAction.Restart, "restarting", $"rejoining the Primary Component of {string.Join(", ", advice.PrimaryNodes)} from {input.Recovered}", input.Recovered);
    }

    private static string Seconds(TimeSpan span) => Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";

    private static string Minutes(TimeSpan span) => span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min";
}
