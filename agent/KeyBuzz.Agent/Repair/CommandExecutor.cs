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
    ConfigFragmentWriter fragments,
    ProxySqlServiceControl proxysql,
    IOptions<AgentOptions> agent,
    IOptions<GaleraOptions> galera,
    IOptions<RepairOptions> repair,
    TimeProvider time,
    ILogger<CommandExecutor> logger)
{
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(10);

    public async Task<CommandResult> ExecuteAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (agent.Value.Role == "proxysql")
        {
            using (await actionLock.AcquireAsync(cancellationToken))
            {
                return await ProxySqlAsync(command, receivedAt, cancellationToken);
            }
        }

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
                    CommandKind.Stop or CommandKind.Kill or CommandKind.Restart => await StopOrRestartAsync(command, receivedAt, cancellationToken),
                    CommandKind.WriteConfig => await WriteConfigAsync(command, receivedAt, cancellationToken),
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

        state.HoldDown(DateTimeOffset.MinValue, string.Empty);
        Log.CommandExecuting(logger, command.Kind.ToString(), command.CommandId, command.Round, $"starting normally{(position is null ? string.Empty : $" from {position}")}");
        state.SetStatus("starting", $"round {command.Round}: starting normally to join the Primary Component", 0);
        state.SetRecovered(null, null);
        await service.StartAsync(local.Grastate is { HasPosition: true } ? null : position, cancellationToken);
        return Result(command, true, "started", "mariadbd started normally");
    }

    /// <summary>Operator actions (drills, rolling restarts): single-use, short-lived, and never on the last Primary node.</summary>
    private async Task<CommandResult> StopOrRestartAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (OperatorCommandRefusal(command, receivedAt) is { } refusal)
        {
            return Refuse(command, refusal);
        }

        var advice = state.FreshAdvice(TimeSpan.FromMilliseconds(repair.Value.AdviceMaxAgeMs))!;
        if (!advice.PrimaryElsewhere)
        {
            return Refuse(command, "no other node reports a Primary Component: stopping this one could leave the cluster without any");
        }

        if (command.HoldMs > MaxHold.TotalMilliseconds)
        {
            return Refuse(command, $"hold of {command.HoldMs} ms is longer than the {MaxHold.TotalMinutes:0} min allowed");
        }

        ledger.MarkUsed(command.CommandId);
        var kill = command.Kind == CommandKind.Kill;
        Log.CommandExecuting(logger, command.Kind.ToString(), command.CommandId, command.Round, command.Kind == CommandKind.Restart ? "restarting mariadbd" : kill ? "killing mariadbd (SIGKILL)" : "stopping mariadbd");
        if (command.Kind == CommandKind.Restart)
        {
            state.HoldDown(DateTimeOffset.MinValue, string.Empty);
            state.SetStatus("restarting", "restart requested by the collector (rolling config apply)", 0);
            await service.RestartAsync(cancellationToken);
            return Result(command, true, "restarted", "mariadbd restarted");
        }

        // The hold is set before the stop: self-repair must not race the operator's stop.
        var reason = $"{(kill ? "killed" : "stopped")} on purpose by command {command.CommandId}: self-repair stands aside for {command.HoldMs / 1000.0:0.#} s";
        state.HoldDown(time.GetUtcNow().AddMilliseconds(command.HoldMs), reason);
        await service.StopAsync(kill, cancellationToken);
        return Result(command, true, kill ? "killed" : "stopped", reason);
    }

    private async Task<CommandResult> WriteConfigAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (OperatorCommandRefusal(command, receivedAt) is { } refusal)
        {
            return Refuse(command, refusal);
        }

        if (command.ConfigText.Length is 0 or > 64 * 1024)
        {
            return Refuse(command, "the config fragment is empty or larger than 64 KiB");
        }

        ledger.MarkUsed(command.CommandId);
        var backup = await fragments.WriteAsync(command.ConfigText, cancellationToken);
        var message = $"wrote {galera.Value.ConfigFragmentPath}{(backup is null ? " (no previous file)" : $", previous kept as {backup}")}";
        Log.CommandExecuting(logger, command.Kind.ToString(), command.CommandId, command.Round, message);
        return Result(command, true, "written", message);
    }

    /// <summary>A ProxySQL agent only stops, kills or starts its ProxySQL, for a drill; the collector checked the other proxy routes.</summary>
    private async Task<CommandResult> ProxySqlAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (command.Kind is not (CommandKind.Stop or CommandKind.Kill or CommandKind.Start))
        {
            return Refuse(command, $"a ProxySQL agent has no MariaDB: {command.Kind} does not apply");
        }

        // Starting ProxySQL again only restores service: allowed during a recovery round and in maintenance.
        if (OperatorCommandRefusal(command, receivedAt, restoring: command.Kind == CommandKind.Start) is { } refusal)
        {
            return Refuse(command, refusal);
        }

        ledger.MarkUsed(command.CommandId);
        try
        {
            Log.CommandExecuting(logger, command.Kind.ToString(), command.CommandId, command.Round, $"{command.Kind.ToString().ToLowerInvariant()} proxysql");
            if (command.Kind == CommandKind.Start)
            {
                await proxysql.StartAsync(cancellationToken);
                return Result(command, true, "started", "proxysql started");
            }

            await proxysql.StopAsync(command.Kind == CommandKind.Kill, cancellationToken);
            return Result(command, true, command.Kind == CommandKind.Kill ? "killed" : "stopped", $"proxysql {(command.Kind == CommandKind.Kill ? "killed" : "stopped")}");
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or UnauthorizedAccessException)
        {
            return Result(command, false, "failed", ex.Message);
        }
    }

    private string? OperatorCommandRefusal(Command command, DateTimeOffset receivedAt, bool restoring = false)
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

        var advice = state.FreshAdvice(TimeSpan.FromMilliseconds(repair.Value.AdviceMaxAgeMs));
        if (advice is null)
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

        return advice.ActiveRound != 0 ? $"recovery round {advice.ActiveRound} is in progress" : null;
    }

    private CommandResult Refuse(Command command, string reason)
    {
        Log.CommandRefused(logger, command.Kind.ToString(), command.CommandId, command.Round, reason);
        return Result(command, false, "refused", reason);
    }

    private static CommandResult Result(Command command, bool accepted, string outcome, string message) =>
        new() { CommandId = command.CommandId, Accepted = accepted, Outcome = outcome, Message = message };
}
