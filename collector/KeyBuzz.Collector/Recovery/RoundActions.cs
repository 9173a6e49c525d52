using KeyBuzz.Collector.Core.Recovery;
using KeyBuzz.Collector.Diagnostics;
using KeyBuzz.Collector.Sessions;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Recovery;

/// <summary>
/// Carries out a round step: persist first (durably), then record events and send commands. A
/// grant reaches an agent only after the round that holds it is on disk.
/// </summary>
internal sealed class RoundActions(RoundStore rounds, AgentSessions sessions, TimeProvider time, ILogger<RoundActions> logger)
{
    public void Apply(RecoveryRound? before, RoundStep step, string by)
    {
        if (step.Round is not { } round)
        {
            return;
        }

        if (!ReferenceEquals(before, round))
        {
            rounds.Save(round);
        }

        foreach (var effect in step.Effects)
        {
            switch (effect)
            {
                case EventEffect e:
                    Event(round, e.Text);
                    break;
                case SendGrantEffect g:
                    Log.GrantIssued(logger, round.Cluster, round.Id, g.Grant.Node, g.Grant.Id, g.Grant.By, by);
                    SendGrant(round, g.Grant);
                    break;
                case SendStartEffect s:
                    var sent = sessions.Send(round.Cluster, s.Node, new CollectorMessage { Command = StartCommand(round, s.Node) });
                    Event(round, $"round {round.Id}: start sent to {s.Node}{(sent ? string.Empty : " (agent not connected: it will not start)")}");
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>A grant whose node's agent was not connected when issued is sent as soon as it is, while live.</summary>
    public void ResendUnsentGrant(RecoveryRound round)
    {
        if (round.Phase == RoundPhase.Granted && round.Grant is { Sent: false } grant && time.GetUtcNow() < grant.IssuedAt + grant.Ttl)
        {
            SendGrant(round, grant);
        }
    }

    public void Event(RecoveryRound round, string text)
    {
        rounds.AddEvent(round.Cluster, round.Id, text, time.GetUtcNow());
        Log.RecoveryEvent(logger, round.Cluster, text);
    }

    private void SendGrant(RecoveryRound round, BootstrapGrant grant)
    {
        var command = new Command
        {
            CommandId = grant.Id,
            Kind = CommandKind.Bootstrap,
            Round = round.Id,
            Node = grant.Node,
            ExpectedUuid = grant.Position.Uuid,
            ExpectedSeqno = grant.Position.Seqno,
            IssuedAtUnixMs = grant.IssuedAt.ToUnixTimeMilliseconds(),
            TtlMs = (uint)grant.Ttl.TotalMilliseconds,
            Forced = grant.Forced,
        };
        if (sessions.Send(round.Cluster, grant.Node, new CollectorMessage { Command = command }) && !grant.Sent)
        {
            var sent = grant with { Sent = true };
            rounds.Save(round with { Grants = [.. round.Grants.Take(round.Grants.Count - 1), sent] });
        }
    }

    private Command StartCommand(RecoveryRound round, string node) => new()
    {
        CommandId = "s-" + Guid.NewGuid().ToString("N")[..16],
        Kind = CommandKind.Start,
        Round = round.Id,
        Node = node,
        IssuedAtUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        TtlMs = 60_000,
    };
}
