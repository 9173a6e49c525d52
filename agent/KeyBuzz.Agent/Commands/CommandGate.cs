using KeyBuzz.Agent.Core.Repair;
using KeyBuzz.Agent.Diagnostics;
using KeyBuzz.Agent.Options;
using KeyBuzz.Agent.Repair;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Commands;

/// <summary>The checks every command passes before it acts, and how answers are written.</summary>
internal sealed class CommandGate(
    GrantLedger ledger,
    RepairState state,
    IOptions<AgentOptions> agent,
    IOptions<RepairOptions> repair,
    TimeProvider time,
    ILogger<CommandGate> logger)
{
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromSeconds(2);

    public string NodeName => agent.Value.NodeName;

    public AdviceView? Advice => state.FreshAdvice(TimeSpan.FromMilliseconds(repair.Value.AdviceMaxAgeMs));

    /// <summary>For this node, not used before, not expired, with a fresh view from the collector; then maintenance and rounds unless restoring.</summary>
    public string? Refusal(Command command, DateTimeOffset receivedAt, bool restoring = false, bool duringRound = false)
    {
        if (command.Node != agent.Value.NodeName)
        {
            return $"command is for {command.Node}, this is {agent.Value.NodeName}";
        }

        if (command.CommandId.Length == 0 || ledger.IsUsed(command.CommandId))
        {
            return $"command {command.CommandId} was already used: every command is single-use";
        }

        var expires = DateTimeOffset.FromUnixTimeMilliseconds(command.IssuedAtUnixMs).AddMilliseconds(command.TtlMs) + ClockSkewAllowance;
        if (command.TtlMs == 0 || receivedAt > expires || time.GetUtcNow() > expires)
        {
            return "the command expired before it could be carried out";
        }

        if (Advice is not { } advice)
        {
            return "no fresh view from the collector";
        }

        if (restoring)
        {
            return null;
        }

        if (advice.Maintenance)
        {
            return "node in maintenance: nothing is done to it";
        }

        if (duringRound)
        {
            // Advice rides on acks: the latest one may predate the round the command opened.
            var older = advice.ActiveRound == 0 && advice.IssuedAt.ToUnixTimeMilliseconds() <= command.IssuedAtUnixMs;
            return advice.ActiveRound == command.Round || older ? null : $"command of round {command.Round}, but the collector's active round is {advice.ActiveRound}";
        }

        return advice.ActiveRound != 0 ? $"recovery round {advice.ActiveRound} is in progress" : null;
    }

    public void MarkUsed(Command command) => ledger.MarkUsed(command.CommandId);

    public CommandResult Refuse(Command command, string reason)
    {
        Log.CommandRefused(logger, command.Kind.ToString(), command.CommandId, command.Round, reason);
        return Result(command, false, "refused", reason);
    }

    public void Executing(Command command, string detail) => Log.CommandExecuting(logger, command.Kind.ToString(), command.CommandId, command.Round, detail);

    public static CommandResult Result(Command command, bool accepted, string outcome, string message) =>
        new() { CommandId = command.CommandId, Accepted = accepted, Outcome = outcome, Message = message };
}
