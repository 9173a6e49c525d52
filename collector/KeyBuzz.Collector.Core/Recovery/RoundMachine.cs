using System.Globalization;
using KeyBuzz.Collector.Core.Bootstrap;

namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>
/// The recovery round state machine (pure): outage → decide (fence stale nodes, start, or grant)
/// → bootstrap Synced → start the others (fenced ones last) → done. At most one live grant per
/// round; commands are delivered until their effect shows; events record changes, not evaluations;
/// a forked history found at any step stops the round.
/// </summary>
public static class RoundMachine
{
    public static RoundStep Step(RecoveryRound? round, BootstrapDecision decision, RoundFacts facts, RoundSettings settings, ulong nextRoundId, Func<string> newId)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(newId);
        var effects = new List<RoundEffect>();
        if (round is null)
        {
            var confirm = facts.OutageProven ? settings.ProvenOutageConfirm : settings.OutageConfirm;
            if (facts.Fork is not null || facts.NoPrimarySince is not { } since || facts.Now - since < confirm || decision.Kind == DecisionKind.NoOutage)
            {
                return new RoundStep(null, effects);
            }

            round = new RecoveryRound(nextRoundId, facts.Cluster, RoundPhase.Deciding, facts.Now, facts.Now, "full outage declared", null, [], []);
            var proof = facts.OutageProven && facts.Now - since < settings.OutageConfirm ? " (every node reports its mariadbd stopped)" : string.Empty;
            effects.Add(new EventEffect($"round {nextRoundId}: full outage: no node Primary for {Seconds(facts.Now - since)}{proof}"));
        }

        if (facts.Fork is { } fork && round.IsActive)
        {
            effects.Add(new EventEffect($"round {round.Id}: stopped: {fork}"));
            return new RoundStep(round with { Phase = RoundPhase.Failed, PhaseSince = facts.Now, Status = "stopped: forked history detected; automatic actions stopped" }, effects);
        }

        return round.Phase switch
        {
            RoundPhase.Deciding or RoundPhase.AwaitingApproval => RoundDecisions.Decide(round, decision, facts, settings, newId, effects),
            RoundPhase.Granted => RoundPhases.AwaitAnswer(round, facts, settings, newId, effects),
            RoundPhase.Bootstrapping => RoundPhases.AwaitBootstrap(round, facts, settings, newId, effects),
            RoundPhase.StartingOthers => RoundPhases.StartOthers(round, facts, settings, newId, effects),
            _ => new RoundStep(round, effects),
        };
    }

    /// <summary>A human approves the plan's candidate (after a wait or a refusal).</summary>
    public static (RoundStep Step, string? Error) Approve(RecoveryRound round, BootstrapDecision decision, DateTimeOffset now, TimeSpan ttl, Func<string> newId) =>
        RoundDecisions.Approve(round, decision, now, ttl, newId);

    /// <summary>A human forces a node (typed confirmation is kbctl's job). Never while some node is Primary.</summary>
    public static (RoundStep Step, string? Error) Force(RecoveryRound round, BootstrapDecision decision, string node, DateTimeOffset now, TimeSpan ttl, Func<string> newId) =>
        RoundDecisions.Force(round, decision, node, now, ttl, newId);

    /// <summary>The agent's answer to a grant or a command of this round (a repeated or unknown id changes nothing).</summary>
    public static RoundStep Answer(RecoveryRound round, string commandId, bool accepted, string message, DateTimeOffset now, bool nodeRunning = false)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.Grant is { } grant && grant.Id == commandId)
        {
            return grant.Accepted is null ? AnswerGrant(round, grant, accepted, message, now, nodeRunning) : new RoundStep(round, []);
        }

        if (CommandDelivery.Answer(round, commandId, accepted, message, now) is not { } answered)
        {
            return new RoundStep(round, []);
        }

        var command = answered.CommandLog.First(c => c.Id == commandId);
        var verb = command.Kind == RoundCommandKind.Start ? "start" : "fence";
        return new RoundStep(answered, [new EventEffect($"round {round.Id}: {command.Node} answered {verb} (attempt {command.Attempt}): {(accepted ? "accepted" : "refused")}: {message}")]);
    }

    private static RoundStep AnswerGrant(RecoveryRound round, BootstrapGrant grant, bool accepted, string message, DateTimeOffset now, bool nodeRunning)
    {
        var answered = grant with { Accepted = accepted, Answer = message };
        var grants = round.Grants.Take(round.Grants.Count - 1).Append(answered).ToList();
        if (accepted)
        {
            return new RoundStep(
                round with { Grants = grants, Phase = RoundPhase.Bootstrapping, PhaseSince = now, Status = $"bootstrapping {grant.Node} from {grant.Position}" },
                [new EventEffect($"round {round.Id}: {grant.Node} accepted the grant: {message}")]);
        }

        if (nodeRunning)
        {
            // Refused, yet mariadbd runs (e.g. an agent restarted mid-bootstrap): never grant again; watch it.
            return new RoundStep(
                round with { Grants = grants, Phase = RoundPhase.Bootstrapping, PhaseSince = now, Status = $"{grant.Node} refused ({message}) but is running: watching it" },
                [new EventEffect($"round {round.Id}: {grant.Node} refused the grant ({message}) but mariadbd runs: treating it as bootstrapping, no new grant")]);
        }

        var refused = grant.EvidenceToken.Length > 0 ? [.. round.Refused, grant.EvidenceToken] : round.Refused;
        return new RoundStep(
            round with { Grants = grants, Phase = RoundPhase.Deciding, PhaseSince = now, Status = $"{grant.Node} refused: {message}; gathering fresh evidence", RefusedEvidence = refused },
            [new EventEffect($"round {round.Id}: {grant.Node} refused the grant: {message}; the evidence it was based on decides nothing more")]);
    }

    internal static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + "s";
}
