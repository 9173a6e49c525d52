namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>
/// Delivers round commands until their effect shows in the readings (pure): an unanswered id is
/// re-sent as is (the agent answers a repeated id with its recorded result, never acting twice); an
/// answered one whose effect does not show, or a refused one, is tried again under a new id, up to
/// a limit, then the node is given up with the agent's last answer.
/// </summary>
internal static class CommandDelivery
{
    public static RecoveryRound Deliver(
        RecoveryRound round, IEnumerable<string> nodes, RoundCommandKind kind, Func<string, bool> effectSeen, RoundFacts facts, RoundSettings settings, Func<string> newId, List<RoundEffect> effects)
    {
        var commands = round.CommandLog.ToList();
        foreach (var node in nodes)
        {
            var index = commands.FindLastIndex(c => c.Node == node && c.Kind == kind);
            var last = index >= 0 ? commands[index] : null;
            if (effectSeen(node) || last is { Abandoned: true })
            {
                continue;
            }

            if (last is null)
            {
                commands.Add(Send(New(node, kind, 1, facts.Now, newId), facts.Now, effects));
                continue;
            }

            if (last.Accepted is null)
            {
                if (last.SentAt is { } sent && facts.Now - sent < settings.Resend)
                {
                    continue;
                }

                commands[index] = facts.Now - last.CreatedAt < RoundCommand.Ttl / 2
                    ? Send(last, facts.Now, effects)
                    : last with { Accepted = false, Answer = "no answer from the agent", AnsweredAt = facts.Now };
                continue;
            }

            if (last.AnsweredAt is { } answered && facts.Now - answered < settings.RetryBefore(last.Attempt))
            {
                continue;
            }

            if (last.Attempt >= settings.MaxAttempts)
            {
                commands[index] = last with { Abandoned = true };
                effects.Add(new EventEffect($"round {round.Id}: gave up on {Verb(kind)} {node} after {last.Attempt} attempts; last answer: {last.Answer ?? "none"}"));
                continue;
            }

            commands.Add(Send(New(node, kind, last.Attempt + 1, facts.Now, newId), facts.Now, effects));
        }

        return round with { Commands = commands, Started = kind == RoundCommandKind.Start ? [.. round.Started.Union(commands.Where(c => c.Kind == kind).Select(c => c.Node), StringComparer.Ordinal)] : round.Started };
    }

    /// <summary>The agent's answer to one of the round's commands (null when the id is not one of them or was already answered).</summary>
    public static RecoveryRound? Answer(RecoveryRound round, string commandId, bool accepted, string message, DateTimeOffset now)
    {
        var commands = round.CommandLog.ToList();
        var index = commands.FindIndex(c => c.Id == commandId);
        if (index < 0 || commands[index].Accepted is not null)
        {
            return null;
        }

        commands[index] = commands[index] with { Accepted = accepted, Answer = message, AnsweredAt = now };
        return round with { Commands = commands };
    }

    /// <summary>Nodes the round still waits on because the agent refused or the effect did not show, with the last answer.</summary>
    public static IEnumerable<string> Pending(RecoveryRound round, RoundCommandKind kind, Func<string, bool> effectSeen) =>
        round.CommandLog.Where(c => c.Kind == kind).GroupBy(c => c.Node, StringComparer.Ordinal).Select(g => g.Last())
            .Where(c => !c.Abandoned && !effectSeen(c.Node) && c.Accepted is not null)
            .Select(c => $"{c.Node} (attempt {c.Attempt}: {(c.Accepted == true ? "started, but not up yet" : c.Answer)})");

    public static string Verb(RoundCommandKind kind) => kind == RoundCommandKind.Start ? "starting" : "fencing";

    private static RoundCommand New(string node, RoundCommandKind kind, int attempt, DateTimeOffset now, Func<string> newId) =>
        new($"{(kind == RoundCommandKind.Start ? "s" : "f")}-{newId()}", node, kind, attempt, now, null, 0, null, null, null);

    private static RoundCommand Send(RoundCommand command, DateTimeOffset now, List<RoundEffect> effects)
    {
        var sent = command with { SentAt = now, Sends = command.Sends + 1 };
        effects.Add(new SendCommandEffect(sent));
        return sent;
    }
}
