using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Repair;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Commands;

/// <summary>
/// A recovery round starts this node normally (never a bootstrap), so it joins the Primary
/// Component: on a position re-derived from the datadir as it is, and never on a grastate.dat that
/// InnoDB contradicts (it would IST onto the wrong data). An empty datadir joins by full SST.
/// </summary>
internal sealed class StartCommand(LocalObserver observer, IDatadirProbe datadir, PositionRecovery recovery, IServiceControl service, RepairState state, CommandGate gate)
{
    public async Task<CommandResult> ExecuteAsync(Command command, CancellationToken cancellationToken)
    {
        if (command.Node != gate.NodeName)
        {
            return gate.Refuse(command, $"command is for {command.Node}, this is {gate.NodeName}");
        }

        var local = await observer.ObserveAsync(cancellationToken);
        if (local.MariadbRunning)
        {
            return CommandGate.Result(command, true, "already_running", "mariadbd is already running");
        }

        if (gate.Advice is not { } advice)
        {
            return gate.Refuse(command, "no fresh view from the collector");
        }

        if (advice.Maintenance)
        {
            return gate.Refuse(command, "node in maintenance: nothing is done to it");
        }

        var evidence = state.FreshEvidence(datadir.Identity()) ?? await recovery.RecoverAsync(cancellationToken);
        if (evidence.Error is { } error)
        {
            return gate.Refuse(command, $"--wsrep-recover failed on this datadir ({error}): a human must look before it starts");
        }

        if (evidence.PreparedTransactions)
        {
            return gate.Refuse(command, "InnoDB found prepared XA transactions: a human must run --tc-heuristic-recover first");
        }

        if (evidence.Disagreement is { } disagreement)
        {
            return gate.Refuse(command, $"{disagreement}; starting would join on the wrong position: a human must decide which to keep");
        }

        var position = evidence.Position;
        var aside = evidence.Empty ? GrastateEditor.SetAsideOnEmptyDatadir(datadir.Root, local.Grastate, $"round{command.Round}-empty") : null;
        state.HoldDown(DateTimeOffset.MinValue, string.Empty);
        gate.Executing(command, position is null ? $"starting normally on an empty datadir (full SST){(aside is null ? string.Empty : $"; its grastate.dat claimed a position and was set aside as {aside}")}" : $"starting normally from {position}");
        state.SetStatus("starting", $"round {command.Round}: starting normally to join the Primary Component", 0);
        await service.StartAsync(position, cancellationToken);
        return CommandGate.Result(command, true, "started", position is null ? "mariadbd started normally; its empty datadir joins by SST" : $"mariadbd started normally from {position}");
    }
}
