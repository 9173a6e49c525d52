using KeyBuzz.Collector.Core.Components;
using KeyBuzz.Collector.Core.Recovery;
using KeyBuzz.Collector.Diagnostics;
using KeyBuzz.Collector.Options;
using Microsoft.Extensions.Options;
using KeyBuzz.Collector.Sessions;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Recovery;

/// <summary>
/// Carries out a round step: persist first (durably), then record events and send commands. A
/// grant or command reaches an agent only after the round that holds it is on disk, so a collector
/// crash in between loses nothing: the resumed round sends it again.
/// </summary>
internal sealed class RoundActions(RoundStore rounds, AgentSessions sessions, HumanBootstraps humans, IOptions<RecoveryOptions> options, TimeProvider time, ILogger<RoundActions> logger)
{
    /// <summary>A round fences a node for at most this long if nobody starts it again.</summary>
    private static readonly TimeSpan FenceHold = TimeSpan.FromMinutes(15);

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

        CrashIfAsked(step);

        foreach (var effect in step.Effects)
        {
            switch (effect)
            {
                case EventEffect e:
                    Event(round, e.Text);
                    break;
                case SendGrantEffect g:
                    if (g.Grant.LastSentAt == g.Grant.IssuedAt)
                    {
                        Log.GrantIssued(logger, round.Cluster, round.Id, g.Grant.Node, g.Grant.Id, g.Grant.By, by);
                    }

                    SendGrant(round, g.Grant);
                    break;
                case SendCommandEffect c:
                    var sent = sessions.Send(round.Cluster, c.Command.Node, new CollectorMessage { Command = ToCommand(round, c.Command) });
                    if (c.Command.Sends == 1)
                    {
                        Event(round, $"round {round.Id}: {(c.Command.Kind == RoundCommandKind.Start ? "start" : "fence")} sent to {c.Command.Node} (attempt {c.Command.Attempt}){(sent ? string.Empty : " — its agent is not connected: sent again until it answers")}");
                    }

                    break;
                default:
                    break;
            }
        }

        if (before?.Grant is { Accepted: null } asked && round.Grant is { Accepted: true, By: not "auto" } human && asked.Id == human.Id)
        {
            humans.Add(round.Cluster, new HumanBootstrap(human.Node, human.Position.Uuid, human.Position.Seqno, human.Id, human.By, time.GetUtcNow()));
        }
    }

    /// <summary>Fault injection (Recovery:CrashAfterPersisting): die like a SIGKILL between persisting a step and sending it.</summary>
    private void CrashIfAsked(RoundStep step)
    {
        var point = options.Value.CrashAfterPersisting;
        var hit = point switch
        {
            "grant" => step.Effects.OfType<SendGrantEffect>().Any(),
            "start" => step.Effects.OfType<SendCommandEffect>().Any(c => c.Command.Kind == RoundCommandKind.Start),
            "fence" => step.Effects.OfType<SendCommandEffect>().Any(c => c.Command.Kind == RoundCommandKind.Fence),
            _ => false,
        };
        if (hit)
        {
            Log.CrashPoint(logger, point);
            System.Diagnostics.Process.GetCurrentProcess().Kill();
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
            ExpectedDatadir = grant.DatadirIdentity,
        };
        if (sessions.Send(round.Cluster, grant.Node, new CollectorMessage { Command = command }) && !grant.Sent && rounds.Get(round.Id) is { } saved && saved.Grant?.Id == grant.Id)
        {
            rounds.Save(saved with { Grants = [.. saved.Grants.Take(saved.Grants.Count - 1), saved.Grant with { Sent = true }] });
        }
    }

    private static Command ToCommand(RecoveryRound round, RoundCommand command) => new()
    {
        CommandId = command.Id,
        Kind = command.Kind == RoundCommandKind.Start ? CommandKind.Start : CommandKind.Fence,
        Round = round.Id,
        Node = command.Node,
        IssuedAtUnixMs = command.CreatedAt.ToUnixTimeMilliseconds(),
        TtlMs = (uint)RoundCommand.Ttl.TotalMilliseconds,
        HoldMs = command.Kind == RoundCommandKind.Fence ? (uint)FenceHold.TotalMilliseconds : 0,
    };
}
