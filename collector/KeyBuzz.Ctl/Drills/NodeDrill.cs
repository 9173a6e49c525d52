using System.Diagnostics;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;
using MySqlConnector;

namespace KeyBuzz.Ctl.Drills;

/// <summary>
/// Stop (or kill) one MariaDB node under a steady write load, keep it down, start it, wait until it
/// is Synced again, then check every acknowledged write on every node. Always restores the node.
/// </summary>
internal sealed class NodeDrill(CollectorConnection collector, DrillOptions options, TextWriter output)
{
    private readonly Operations.OperationsClient _client = new(collector.Channel);
    /// <summary>The direct writer's ids start this far above the drill client's, so the two never collide.</summary>
    private const long DirectIdOffset = 1_000_000_000;
    private long _stoppedAtUnixMs;

    public async Task<DrillMeasurements> RunAsync(string cluster, string node, CancellationToken cancellationToken)
    {
        var name = (options.Proxy ? "proxysql-node" : "mariadb-node") + (options.Kill ? " --kill" : string.Empty);
        var table = $"`{options.Database}`.kb_drill";
        await PrepareAsync(table, cancellationToken);
        var firstId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        var targets = options.Through?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [.. options.Sql];
        var clock = Stopwatch.StartNew();
        var writer = new DrillWriter([.. targets.Select(ConnectionString)], table, firstId, clock);
        (DrillWriter Writer, string Node)? direct = null;
        var taken = false;
        TimeSpan? downFor = null, rejoin = null, startedAt = null, stoppedFrom = null;
        string? problem = null;
        try
        {
            writer.Start();
            if (!await UntilAsync(() => Task.FromResult(writer.AckedCount >= 20), TimeSpan.FromSeconds(15), cancellationToken))
            {
                return await DoneAsync(writer, name, node, null, null, "the client could not write before the drill started (check --sql/--through and the drill user)");
            }

            var (moved, movedTo) = await MoveWriterAwayAsync(cluster, node, cancellationToken);
            if (movedTo is { } to)
            {
                // A writer on the new writer itself, bypassing ProxySQL: what Galera alone costs the stop, to tell it from what the proxy adds.
                var backend = options.ProxySql!.Backends.First(b => b.Name == to);
                direct = (new DrillWriter([ConnectionString($"{backend.Host}:{backend.Port}")], table, firstId + DirectIdOffset, clock), to);
                direct.Value.Writer.Start();
            }

            if (moved is false)
            {
                return await DoneAsync(writer, name, node, null, null, $"{node} is the ProxySQL writer and the planned switchover before the stop failed (see above): nothing was stopped");
            }

            await output.WriteLineAsync($"{Stamp(writer)} {(options.Kill ? "killing" : "stopping")} {node} (writes continue)");
            var stopAt = writer.Elapsed;
            stoppedFrom = stopAt;
            taken = true; // from here on the node may be down: the finally block restores it whatever happens
            var stopped = await ActAsync(cluster, node, options.Kill ? "kill" : "stop", cancellationToken);
            _stoppedAtUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            taken = stopped.Accepted;
            if (!stopped.Accepted)
            {
                return await DoneAsync(writer, name, node, null, null, $"the agent refused to {(options.Kill ? "kill" : "stop")} {node}: {stopped.Message}");
            }

            await output.WriteLineAsync($"{Stamp(writer)} {node} {stopped.Outcome}; keeping it down {options.Down.TotalSeconds:0} s");
            await Task.Delay(options.Down, cancellationToken); // the drill's chosen outage length, not a wait for a state
            var startAt = writer.Elapsed;
            startedAt = startAt;
            var started = await ActAsync(cluster, node, "start", cancellationToken);
            downFor = writer.Elapsed - stopAt;
            await output.WriteLineAsync($"{Stamp(writer)} start {node}: {started.Outcome} {started.Message}");
            if (await UntilAsync(async () => await IsBackAsync(cluster, node, cancellationToken), options.RejoinTimeout, cancellationToken))
            {
                rejoin = writer.Elapsed - startAt;
                taken = false;
                await output.WriteLineAsync($"{Stamp(writer)} {node} {(options.Proxy ? "routing to the writer" : "Synced")} again");
            }
            else
            {
                problem = $"{node} not {(options.Proxy ? "routing to the writer" : "Synced")} {options.RejoinTimeout.TotalSeconds:0} s after the start";
            }

            if (moved is true && problem is null)
            {
                // Synced is not enough: ProxySQL's own monitor must have taken the node back as a healthy standby first.
                if (!await UntilAsync(async () => await IsStandbyOnEveryProxyAsync(cluster, node, cancellationToken), TimeSpan.FromSeconds(30), cancellationToken))
                {
                    problem = $"{node} is Synced but not an ONLINE standby on every ProxySQL node 30 s later: no switchover back, the writer stays where it is";
                }
            }

            if (moved is true && problem is null)
            {
                await output.WriteLineAsync($"{Stamp(writer)} planned switchover back to {node}");
                if (await SwitchoverAsync(node, cancellationToken) != ExitCodes.Ok)
                {
                    problem = $"the planned switchover back to {node} failed (see above): the writer stays where it is";
                }
            }

            var more = writer.AckedCount + 20;
            await UntilAsync(() => Task.FromResult(writer.AckedCount >= more), TimeSpan.FromSeconds(15), cancellationToken);
            return await DoneAsync(writer, name, node, downFor, rejoin, problem);
        }
        finally
        {
            if (taken)
            {
                // Restore whatever happened above (an error, Ctrl-C): the node must not stay down.
                // A start of a running node is answered "already running".
                try
                {
                    await ActAsync(cluster, node, "start", CancellationToken.None);
                }
                catch (Grpc.Core.RpcException ex)
                {
                    await output.WriteLineAsync($"  ! could not send the restoring start to {node} ({ex.Status.Detail}): run `kbctl drill` again or start it by hand");
                }
            }

            await writer.StopAsync();
            if (direct is { } d)
            {
                await d.Writer.DisposeAsync();
            }
        }

        async Task<DrillMeasurements> DoneAsync(DrillWriter w, string drill, string n, TimeSpan? down, TimeSpan? back, string? why)
        {
            await w.StopAsync();
            var (acked, errors) = w.Results();
            if (direct is { } d)
            {
                await d.Writer.StopAsync();
            }

            var directAcked = direct?.Writer.Results().Acked ?? [];
            var times = acked.Select(a => a.At).ToList();
            var lost = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var address in options.Sql)
            {
                lost[address] = await MissingOnAsync(address, table, firstId, acked.Select(a => a.Id).Concat(directAcked.Select(a => a.Id)));
            }

            var whole = DrillMeasurements.LongestGap(times, TimeSpan.MinValue, TimeSpan.MaxValue);
            DrillPhaseGaps? phases = null;
            if (startedAt is { } s)
            {
                var untilStart = DrillMeasurements.LongestGap(times, TimeSpan.MinValue, s);
                phases = new DrillPhaseGaps(
                    untilStart.Gap,
                    untilStart.From,
                    DrillMeasurements.LongestGap(times, s, TimeSpan.MaxValue).Gap,
                    direct is not null && stoppedFrom is { } stop ? DrillMeasurements.LongestGap(times, TimeSpan.MinValue, stop).Gap : null,
                    direct?.Node,
                    direct is null ? null : DrillMeasurements.LongestGap([.. directAcked.Select(a => a.At)], TimeSpan.MinValue, s).Gap);
            }

            return new DrillMeasurements(drill, n, acked.Count, errors.Count, [.. errors.Select(e => e.Message).Distinct().Take(3)],
                whole.Gap, lost, back, down, why, whole.From, phases);
        }
    }

    /// <summary>
    /// With --proxysql and the drilled node ProxySQL's writer: a planned switchover to another Synced
    /// node first, drained, so clients see no error and no gap (a stop of the writer itself would cost
    /// about a second and a lost connection). Null: nothing to move; true: moved (To: the new writer); false: it failed.
    /// </summary>
    private async Task<(bool? Moved, string? To)> MoveWriterAwayAsync(string cluster, string node, CancellationToken cancellationToken)
    {
        if (options.Proxy || options.ProxySql is not { } proxysql || proxysql.Backends.FirstOrDefault(b => b.Name == node) is not { Name: not null } backend)
        {
            return (null, null);
        }

        var status = await _client.GetStatusAsync(new StatusRequest { Cluster = cluster }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        var proxies = status.Clusters.SelectMany(c => c.Proxies).Where(p => p.Reporting).ToList();
        if (proxies.Count == 0 || proxies.All(p => p.Writer != $"{backend.Host}:{backend.Port}"))
        {
            return (null, null);
        }

        var target = status.Clusters.SelectMany(c => c.Nodes).Where(n => n.Name != node && n is { ClusterStatus: "Primary", LocalState: "Synced" } && proxysql.Backends.Any(b => b.Name == n.Name))
            .Select(n => n.Name).Order(StringComparer.Ordinal).FirstOrDefault();
        if (target is null)
        {
            await output.WriteLineAsync($"  ! {node} is the ProxySQL writer and no other node is Synced to take over");
            return (false, null);
        }

        await output.WriteLineAsync($"  {node} is the ProxySQL writer: planned switchover to {target} first (drained), then the {(options.Kill ? "kill" : "stop")}");
        return await SwitchoverAsync(target, cancellationToken) == ExitCodes.Ok ? (true, target) : (false, null);
    }


    private Task<int> SwitchoverAsync(string to, CancellationToken cancellationToken) =>
        Commands.ProxySqlApplyCommand.RunAsync(options.ProxySql!, to, dryRun: false, allowFailback: false, TimeSpan.FromSeconds(30), new IndentedWriter(output), new IndentedWriter(output), cancellationToken);

    private async Task PrepareAsync(string table, CancellationToken cancellationToken)
    {
        await using var connection = new MySqlConnection(ConnectionString(options.Sql[0]));
        await connection.OpenAsync(cancellationToken);
        await using var command = new MySqlCommand($"CREATE TABLE IF NOT EXISTS {table} (id BIGINT PRIMARY KEY, at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Acknowledged ids missing on one node (read directly, not through ProxySQL); -1 when the node cannot be read.</summary>
    private async Task<int> MissingOnAsync(string address, string table, long firstId, IEnumerable<long> acked)
    {
        try
        {
            await using var connection = new MySqlConnection(ConnectionString(address));
            await connection.OpenAsync();
            await using var command = new MySqlCommand($"SELECT id FROM {table} WHERE id >= {firstId}", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var present = new HashSet<long>();
            while (await reader.ReadAsync())
            {
                present.Add(reader.GetInt64(0));
            }

            return acked.Count(id => !present.Contains(id));
        }
        catch (MySqlException)
        {
            return -1;
        }
    }

    private async Task<NodeActionReply> ActAsync(string cluster, string node, string action, CancellationToken cancellationToken) =>
        await _client.RunNodeActionAsync(
            new NodeActionRequest { Cluster = cluster, Node = node, Action = action, HoldSeconds = (uint)Math.Min(600, options.Down.TotalSeconds + 120) },
            headers: collector.Headers, deadline: DateTime.UtcNow.AddMinutes(12), cancellationToken: cancellationToken);

    /// <summary>A MariaDB node Synced again, or a proxy reporting again with the same writer as the others.</summary>
    private async Task<bool> IsBackAsync(string cluster, string node, CancellationToken cancellationToken)
    {
        var status = await _client.GetStatusAsync(new StatusRequest { Cluster = cluster }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        if (options.Proxy)
        {
            var proxies = status.Clusters.SelectMany(c => c.Proxies).ToList();
            var p = proxies.FirstOrDefault(x => x.Name == node);
            return p is { Reporting: true, Writer.Length: > 0 } && p.LastSeenUnixMs > _stoppedAtUnixMs && proxies.Where(x => x.Reporting).All(x => x.Writer == p.Writer);
        }

        var n = status.Clusters.SelectMany(c => c.Nodes).FirstOrDefault(x => x.Name == node);
        return n is { Reporting: true, MariadbRunning: true, ClusterStatus: "Primary", LocalState: "Synced" };
    }

    /// <summary>Every reporting proxy of the cluster routes <paramref name="node"/> as an ONLINE backup writer (its monitor accepted it again).</summary>
    private async Task<bool> IsStandbyOnEveryProxyAsync(string cluster, string node, CancellationToken cancellationToken)
    {
        var backend = options.ProxySql!.Backends.First(b => b.Name == node);
        var status = await _client.GetStatusAsync(new StatusRequest { Cluster = cluster }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        var proxies = status.Clusters.Where(c => c.Name == cluster).SelectMany(c => c.Proxies).Where(p => p.Reporting).ToList();
        return proxies.Count > 0 && proxies.All(p => p.Backends.Any(b => b.Endpoint == $"{backend.Host}:{backend.Port}" && b.Role == "backup" && b.Status == "ONLINE"));
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }

        return await condition();
    }

    private string ConnectionString(string address)
    {
        var (host, port) = DrillOptions.HostPort(address);
        return new MySqlConnectionStringBuilder
        {
            Server = host, Port = port, UserID = options.User, Password = options.Password, Database = options.Database,
            ConnectionTimeout = 2, DefaultCommandTimeout = 3, Pooling = false,
        }.ConnectionString;
    }

    private static string Stamp(DrillWriter writer) => $"  +{writer.Elapsed.TotalSeconds,6:0.00}s";
}
