using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Repair;
using KeyBuzz.Agent.Sampling;
using KeyBuzz.Contracts.V1;
using MySqlConnector;

namespace KeyBuzz.Agent.Commands;

/// <summary>
/// A recovery round takes this node out of the way: it runs outside any Primary Component with a
/// view history proves older than the latest one, and left running it could re-form that stale
/// component (pc.recovery) without the newer commits; or pc.recovery failed to reform its members and
/// the round decides from their datadirs instead. Never done to a Primary node — mariadbd
/// itself is asked, right before — and self-repair leaves it down until the round starts it again.
/// </summary>
internal sealed class FenceCommand(LocalObserver observer, MariaDbConnector mariadb, PeerProbe peers, IServiceControl service, RepairState state, CommandGate gate, TimeProvider time)
{
    private static readonly TimeSpan CleanStopLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(30);

    public async Task<CommandResult> ExecuteAsync(Command command, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        if (gate.Refusal(command, receivedAt, duringRound: true) is { } refusal)
        {
            return gate.Refuse(command, refusal);
        }

        var local = await observer.ObserveAsync(cancellationToken);
        if (!local.MariadbRunning)
        {
            return CommandGate.Result(command, true, "already_stopped", "mariadbd is not running");
        }

        string status;
        try
        {
            var rows = await mariadb.QueryPairsAsync("SHOW GLOBAL STATUS LIKE 'wsrep_cluster_status'", cancellationToken);
            status = rows.Count > 0 ? rows[0].Value : string.Empty;
        }
        catch (MySqlException ex)
        {
            // Not answering SQL: starting (waiting for a Primary Component to join) or hung; it serves nobody.
            // It could only be Primary together with peers, and neither they nor the collector report one.
            if (gate.Advice!.PrimaryElsewhere || await peers.PrimaryPeersAsync(cancellationToken) is { Count: > 0 })
            {
                return gate.Refuse(command, $"mariadbd does not answer SQL ({ex.Message}) and a peer reports Primary: it may be part of it; not stopping it");
            }

            status = "not answering SQL";
        }

        if (status == "Primary")
        {
            return gate.Refuse(command, "this node is Primary: fencing would take a serving node away");
        }

        gate.MarkUsed(command);
        var hold = TimeSpan.FromMilliseconds(Math.Min(command.HoldMs, MaxHold.TotalMilliseconds));
        var reason = $"fenced by recovery round {command.Round}: stopped outside any Primary Component so the round decides from its datadir; the round starts it again";
        state.HoldForRound(time.GetUtcNow() + hold, reason, command.Round, DateTimeOffset.FromUnixTimeMilliseconds(command.IssuedAtUnixMs));
        gate.Executing(command, $"stopping mariadbd ({status}): {reason}");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CleanStopLimit);
        try
        {
            await service.StopAsync(kill: false, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A node outside any Primary Component may hang in shutdown; it holds nothing newer (history proves it behind).
            await service.StopAsync(kill: true, cancellationToken);
        }

        return CommandGate.Result(command, true, "fenced", reason);
    }
}
