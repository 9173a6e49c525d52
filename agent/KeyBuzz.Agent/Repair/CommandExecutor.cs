using KeyBuzz.Agent.Core.Repair;
using KeyBuzz.Agent.Diagnostics;
using KeyBuzz.Agent.Options;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Repair;

/// <summary>
/// Executes the collector's commands, re-checking every local guard right before acting: a
/// command is a request, the agent has the last word.
/// </summary>
internal sealed class CommandExecutor(
    LocalObserver observer,
    PositionRecovery recovery,
    IServiceControl service,
    RepairState state,
    GrantLedger ledger,
    GrastateEditor grastate,
    PeerProbe peers,
    NodeActionLock actionLock,
    IOptions<AgentOptions> agent,
    IOptions<GaleraOptions> galera,
    IOptions<RepairOptions> repair,
    TimeProvider time,
    ILogger<CommandExecutor> logger)
{
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromSeconds(2);

    public async Task<CommandResult> ExecuteAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (!repair.Value.Enabled)
        {
            return Refuse(command, "self-repair is disabled on this node (Repair:Enabled=false)");
        }

        using (await actionLock.AcquireAsync(cancellationToken))
        {
            try
            {
                return command.Kind switch
                {
                    CommandKind.Bootstrap => await BootstrapAsync(command, receivedAt, cancellationToken),
                    CommandKind.Start => await StartAsync(command, cancellationToken),
                    _ => Refuse(command, $"unknown command kind {command.Kind}"),
                };
            }
            catch (Exception ex) when (ex is IOException or TimeoutException or UnauthorizedAccessException)
            {
                return Result(command, false, "failed", ex.Message);
            }
        }
    }

    private async Task<CommandResult> BootstrapAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        var local = await observer.ObserveAsync(cancellationToken);
        var recovered = state.Recovered().Position;
        if (!local.MariadbRunning && local.Position(recovered) is null)
        {
            recovered = await recovery.RecoverAsync(cancellationToken);
        }

        var advice = state.FreshAdvice(TimeSpan.FromMilliseconds(repair.Value.AdviceMaxAgeMs));
        var primaryPeers = await peers.PrimaryPeersAsync(cancellationToken);
        var position = local.Position(recovered);
        var refusal = GrantCheck.Refusal(new GrantInputs(
            agent.Value.NodeName, command.Node, ledger.IsUsed(command.CommandId), time.GetUtcNow(), receivedAt,
            DateTimeOffset.FromUnixTimeMilliseconds(command.IssuedAtUnixMs), TimeSpan.FromMilliseconds(command.TtlMs), ClockSkewAllowance,
            local.MariadbRunning, advice, primaryPeers, position, command.ExpectedUuid, command.ExpectedSeqno, command.Forced));
        if (refusal is not null)
        {
            return Refuse(command, refusal);
        }

        ledger.MarkUsed(command.CommandId);
        var backup = await grastate.EnsureSafeToBootstrapAsync(galera.Value.DataDirectory, $"round{command.Round}", cancellationToken);
        Log.CommandExecuting(logger, command.Kind.ToString(), command.CommandId, command.Round,
            $"bootstrapping from {position}{(backup is null ? string.Empty : $" (safe_to_bootstrap set, backup {backup})")}");
        state.SetStatus("bootstrapping", $"round {command.Round}: bootstrapping a new Primary Component from {position}", 0);
        await service.BootstrapAsync(position!, cancellationToken);
        return Result(command, true, "started", $"bootstrap started from {position}");
    }

    private async Task<CommandResult> StartAsync(Command command, CancellationToken cancellationToken)
    {
        if (command.Node != agent.Value.NodeName)
        {
            return Refuse(command, $"command is for {command.Node}, this is {agent.Value.NodeName}");
        }

        var local = await observer.ObserveAsync(cancellationToken);
        if (local.MariadbRunning)
        {
            return Result(command, true, "already_running", "mariadbd is already running");
        }

        var advice = state.FreshAdvice(TimeSpan.FromMilliseconds(repair.Value.AdviceMaxAgeMs));
        if (advice is null)
        {
            return Refuse(command, "no fresh view from the collector");
        }

        if (advice.Maintenance)
        {
            return Refuse(command, "node in maintenance: nothing is done to it");
        }

        var position = local.Position(state.Recovered().Position);
        if (position is null && local.Grastate is not { HasPosition: true })
        {
            position = await recovery.RecoverAsync(cancellationToken);
        }

        Log.CommandExecuting(logger, command.Kind.ToString(), command.CommandId, command.Round, $"starting normally{(position is null ? string.Empty : $" from {position}")}");
        state.SetStatus("starting", $"round {command.Round}: starting normally to join the Primary Component", 0);
        state.SetRecovered(null, null);
        await service.StartAsync(local.Grastate is { HasPosition: true } ? null : position, cancellationToken);
        return Result(command, true, "started", "mariadbd started normally");
    }

    private CommandResult Refuse(Command command, string reason)
    {
        Log.CommandRefused(logger, command.Kind.ToString(), command.CommandId, command.Round, reason);
        return Result(command, false, "refused", reason);
    }

    private static CommandResult Result(Command command, bool accepted, string outcome, string message) =>
        new() { CommandId = command.CommandId, Accepted = accepted, Outcome = outcome, Message = message };
}
