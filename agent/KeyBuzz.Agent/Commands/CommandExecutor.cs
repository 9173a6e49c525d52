using KeyBuzz.Agent.Options;
using KeyBuzz.Agent.Repair;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Commands;

/// <summary>
/// Executes the collector's commands one at a time (the node action lock), each re-checking its
/// local guards right before acting: a command is a request, the agent has the last word. A
/// re-delivered command id gets the answer recorded the first time, never a second execution.
/// </summary>
internal sealed class CommandExecutor(
    BootstrapCommand bootstrap,
    StartCommand start,
    FenceCommand fence,
    OperatorCommands operatorCommands,
    ProxySqlCommands proxysql,
    CommandResults results,
    FencingLedger fencing,
    CommandGate gate,
    NodeActionLock actionLock,
    IOptions<AgentOptions> agent,
    IOptions<RepairOptions> repair)
{
    public async Task<CommandResult> ExecuteAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        using (await actionLock.AcquireAsync(cancellationToken))
        {
            if (command.CommandId.Length > 0 && results.Recorded(command.CommandId) is { } recorded)
            {
                return recorded;
            }

            // Before any other check: a deposed leader gets nothing but this refusal.
            var result = fencing.Refusal(command.FencingToken) is { } fenced
                ? gate.Refuse(command, fenced)
                : await RunAsync(command, receivedAt, cancellationToken);
            if (command.CommandId.Length > 0)
            {
                results.Record(result);
            }

            return result;
        }
    }

    private async Task<CommandResult> RunAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        try
        {
            if (agent.Value.Role == "proxysql")
            {
                return await proxysql.ExecuteAsync(command, receivedAt, cancellationToken);
            }

            if (!repair.Value.Enabled)
            {
                return gate.Refuse(command, "self-repair is disabled on this node (Repair:Enabled=false)");
            }

            return command.Kind switch
            {
                CommandKind.Bootstrap => await bootstrap.ExecuteAsync(command, receivedAt, cancellationToken),
                CommandKind.Start => await start.ExecuteAsync(command, cancellationToken),
                CommandKind.Fence => await fence.ExecuteAsync(command, receivedAt, cancellationToken),
                CommandKind.Stop or CommandKind.Kill or CommandKind.Restart => await operatorCommands.StopOrRestartAsync(command, receivedAt, cancellationToken),
                CommandKind.WriteConfig => await operatorCommands.WriteConfigAsync(command, receivedAt, cancellationToken),
                _ => gate.Refuse(command, $"unknown command kind {command.Kind}"),
            };
        }
        catch (Exception ex) when (ex is IOException or TimeoutException or UnauthorizedAccessException)
        {
            return CommandGate.Result(command, false, "failed", ex.Message);
        }
    }
}
