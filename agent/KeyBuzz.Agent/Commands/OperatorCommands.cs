using KeyBuzz.Agent.Options;
using KeyBuzz.Agent.Repair;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Commands;

/// <summary>Operator actions (drills, rolling restarts): single-use, short-lived, and never on the last Primary node.</summary>
internal sealed class OperatorCommands(IServiceControl service, RepairState state, ConfigFragmentWriter fragments, CommandGate gate, IOptions<GaleraOptions> galera, TimeProvider time)
{
    private static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(10);

    public async Task<CommandResult> StopOrRestartAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (gate.Refusal(command, receivedAt) is { } refusal)
        {
            return gate.Refuse(command, refusal);
        }

        if (!gate.Advice!.PrimaryElsewhere)
        {
            return gate.Refuse(command, "no other node reports a Primary Component: stopping this one could leave the cluster without any");
        }

        if (command.HoldMs > MaxHold.TotalMilliseconds)
        {
            return gate.Refuse(command, $"hold of {command.HoldMs} ms is longer than the {MaxHold.TotalMinutes:0} min allowed");
        }

        gate.MarkUsed(command);
        var kill = command.Kind == CommandKind.Kill;
        gate.Executing(command, command.Kind == CommandKind.Restart ? "restarting mariadbd" : kill ? "killing mariadbd (SIGKILL)" : "stopping mariadbd");
        if (command.Kind == CommandKind.Restart)
        {
            state.HoldDown(DateTimeOffset.MinValue, string.Empty);
            state.SetStatus("restarting", "restart requested by the collector (rolling config apply)", 0);
            await service.RestartAsync(cancellationToken);
            return CommandGate.Result(command, true, "restarted", "mariadbd restarted");
        }

        // The hold is set before the stop: self-repair must not race the operator's stop.
        var reason = $"{(kill ? "killed" : "stopped")} on purpose by command {command.CommandId}: self-repair stands aside for {command.HoldMs / 1000.0:0.#} s";
        state.HoldDown(time.GetUtcNow().AddMilliseconds(command.HoldMs), reason);
        await service.StopAsync(kill, cancellationToken);
        return CommandGate.Result(command, true, kill ? "killed" : "stopped", reason);
    }

    public async Task<CommandResult> WriteConfigAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (gate.Refusal(command, receivedAt) is { } refusal)
        {
            return gate.Refuse(command, refusal);
        }

        if (command.ConfigText.Length is 0 or > 64 * 1024)
        {
            return gate.Refuse(command, "the config fragment is empty or larger than 64 KiB");
        }

        gate.MarkUsed(command);
        var backup = await fragments.WriteAsync(command.ConfigText, cancellationToken);
        var message = $"wrote {galera.Value.ConfigFragmentPath}{(backup is null ? " (no previous file)" : $", previous kept as {backup}")}";
        gate.Executing(command, message);
        return CommandGate.Result(command, true, "written", message);
    }
}
