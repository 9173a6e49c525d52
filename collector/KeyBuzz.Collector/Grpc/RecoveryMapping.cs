using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Recovery;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Grpc;

/// <summary>Recovery decisions and rounds on the wire.</summary>
internal static class RecoveryMapping
{
    public static BootstrapPlan ToPlan(string cluster, BootstrapDecision d, RecoveryRoundInfo? round)
    {
        var plan = new BootstrapPlan
        {
            Cluster = cluster,
            Kind = d.Kind.ToString(),
            Rule = d.Rule,
            Reason = d.Reason,
            Node = d.Node ?? string.Empty,
            Position = d.Position?.ToString() ?? string.Empty,
            Candidate = d.Candidate ?? string.Empty,
            ActiveRound = round,
        };
        plan.StartNodes.AddRange(d.StartNodes);
        plan.WaitingFor.AddRange(d.WaitingFor);
        plan.Lines.AddRange(d.Lines.Select(l => new PlanLine { Node = l.Node, State = l.State, Position = l.Position?.ToString() ?? string.Empty, Source = l.PositionSource, Note = l.Note }));
        return plan;
    }

    public static RecoveryRoundInfo ToInfo(RecoveryRound round, IEnumerable<(DateTimeOffset At, string Text)> events)
    {
        var info = new RecoveryRoundInfo
        {
            Id = round.Id,
            Cluster = round.Cluster,
            Phase = round.Phase.ToString(),
            OpenedAtUnixMs = round.OpenedAt.ToUnixTimeMilliseconds(),
            Status = round.Status,
            Rule = round.Rule ?? string.Empty,
        };
        info.Grants.AddRange(round.Grants.Select(g => new GrantInfo
        {
            Id = g.Id,
            Node = g.Node,
            Position = g.Position.ToString(),
            IssuedAtUnixMs = g.IssuedAt.ToUnixTimeMilliseconds(),
            TtlMs = (uint)g.Ttl.TotalMilliseconds,
            By = g.By,
            Answer = g.Answer ?? string.Empty,
            Accepted = g.Accepted == true,
        }));
        info.Started.AddRange(round.Started);
        info.Commands.AddRange(round.CommandLog.Select(c => new RoundCommandInfo
        {
            Id = c.Id,
            Node = c.Node,
            Kind = c.Kind.ToString().ToLowerInvariant(),
            Attempt = c.Attempt,
            Sends = c.Sends,
            Answer = c.Answer ?? string.Empty,
            Accepted = c.Accepted == true,
            Abandoned = c.Abandoned,
        }));
        info.Events.AddRange(events.Select(e => new RecoveryEvent { AtUnixMs = e.At.ToUnixTimeMilliseconds(), Text = e.Text }));
        return info;
    }
}
