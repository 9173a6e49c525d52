using System.Collections.Concurrent;
using KeyBuzz.Collector.Sessions;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Commands;

/// <summary>
/// Operator commands (drills, rolling restarts) sent to one agent, each answered by its own result:
/// a new single-use id per command, a short time-to-live, and a wait for the agent's answer.
/// </summary>
internal sealed class PendingCommands(AgentSessions sessions, TimeProvider time)
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CommandResult>> _waiting = new(StringComparer.Ordinal);

    public Command Create(CommandKind kind, string node) => new()
    {
        CommandId = $"op-{Guid.NewGuid():N}",
        Kind = kind,
        Node = node,
        IssuedAtUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        TtlMs = (uint)TimeToLive.TotalMilliseconds,
    };

    /// <summary>The agent's answer; "unreachable" or "timeout" results when there is none.</summary>
    public async Task<CommandResult> SendAsync(string cluster, Command command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<CommandResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[command.CommandId] = answer;
        try
        {
            if (!sessions.Send(cluster, command.Node, new CollectorMessage { Command = command }))
            {
                return Failure(command, "unreachable", $"the agent of {command.Node} is not connected to this collector");
            }

            return await answer.Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return Failure(command, "timeout", $"no answer from the agent of {command.Node} within {timeout.TotalSeconds:0} s");
        }
        finally
        {
            _waiting.TryRemove(command.CommandId, out _);
        }
    }

    /// <summary>Called for every result an agent sends; results of other commands (bootstrap grants) are ignored here.</summary>
    public void Complete(CommandResult result)
    {
        if (_waiting.TryGetValue(result.CommandId, out var answer))
        {
            answer.TrySetResult(result);
        }
    }

    private static CommandResult Failure(Command command, string outcome, string message) =>
        new() { CommandId = command.CommandId, Accepted = false, Outcome = outcome, Message = message };
}
