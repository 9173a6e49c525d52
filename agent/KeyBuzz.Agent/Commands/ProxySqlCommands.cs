using KeyBuzz.Agent.Repair;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Commands;

/// <summary>A ProxySQL agent only stops, kills or starts its ProxySQL, for a drill; the collector checked the other proxy routes.</summary>
internal sealed class ProxySqlCommands(ProxySqlServiceControl proxysql, CommandGate gate)
{
    public async Task<CommandResult> ExecuteAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (command.Kind is not (CommandKind.Stop or CommandKind.Kill or CommandKind.Start))
        {
            return gate.Refuse(command, $"a ProxySQL agent has no MariaDB: {command.Kind} does not apply");
        }

        // Starting ProxySQL again only restores service: allowed during a recovery round and in maintenance.
        if (gate.Refusal(command, receivedAt, restoring: command.Kind == CommandKind.Start) is { } refusal)
        {
            return gate.Refuse(command, refusal);
        }

        gate.MarkUsed(command);
        gate.Executing(command, $"{command.Kind.ToString().ToLowerInvariant()} proxysql");
        if (command.Kind == CommandKind.Start)
        {
            await proxysql.StartAsync(cancellationToken);
            return CommandGate.Result(command, true, "started", "proxysql started");
        }

        var kill = command.Kind == CommandKind.Kill;
        await proxysql.StopAsync(kill, cancellationToken);
        return CommandGate.Result(command, true, kill ? "killed" : "stopped", $"proxysql {(kill ? "killed" : "stopped")}");
    }
}
