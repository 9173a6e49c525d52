using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Drills;
using KeyBuzz.Ctl.Output;

namespace KeyBuzz.Ctl.Commands;

/// <summary>
/// `kbctl drill mariadb-node [NODE] [--kill] --sql H:P,H:P,H:P [--through H:P] [--db-user U] --db-password-file F
/// [--database keybuzz_drill] [--down 10s] [--rejoin-timeout 5m] [--cluster C] [--proxysql servers.tsv + the
/// kbctl proxysql options]`, `kbctl drill health`,
/// `kbctl drill history [--since 30d]`. Every drill result is stored as an event of kind "drill".
/// </summary>
internal static class DrillCommand
{
    public static async Task<int> RunAsync(CollectorConnection collector, Arguments args, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var drill = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("drill needs a name: mariadb-node, proxysql-node, health or history");
        var cluster = args.Option("--cluster") ?? string.Empty;
        var client = new Operations.OperationsClient(collector.Channel);
        switch (drill)
        {
            case "history":
            {
                var since = TimeArgument.Parse(args.Option("--since") ?? "30d", DateTimeOffset.UtcNow, "--since");
                args.EnsureConsumed(0);
                var reply = await client.GetEventsAsync(new EventsRequest { Cluster = cluster, Kind = "drill", SinceUnixMs = since.ToUnixTimeMilliseconds(), Limit = 1000 }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken);
                if (json)
                {
                    await output.WriteAsync(Json.Of(reply));
                    return ExitCodes.Ok;
                }

                var table = new TextTable("TIME (UTC)", "CLUSTER", "DRILL", "NODE", "RESULT", "SUMMARY");
                foreach (var e in reply.Events)
                {
                    table.Add(AlertsCommand.Time(e.AtUnixMs), e.Cluster, e.Name, e.Node.Length > 0 ? e.Node : "-", e.State, e.Summary);
                }

                await output.WriteAsync(reply.Events.Count == 0 ? "No drill in that period.\n" : table.Render());
                return ExitCodes.Ok;
            }

            case "health":
            {
                args.EnsureConsumed(0);
                var (status, lines) = await HealthAsync(client, collector, cluster, cancellationToken);
                foreach (var line in lines)
                {
                    await output.WriteLineAsync($"{(line.Ok ? "OK     " : "PROBLEM")}  {line.Subject,-28} {line.Text}");
                }

                var bad = lines.Count(l => !l.Ok);
                var summary = bad == 0 ? $"all {status.Nodes.Count} nodes healthy" : $"{bad} problem(s): {string.Join("; ", lines.Where(l => !l.Ok).Select(l => $"{l.Subject}: {l.Text}"))}";
                await RecordAsync(client, collector, new DrillRecord { Cluster = status.Name, Drill = "health", Passed = bad == 0, Summary = summary, Report = string.Join('\n', lines.Select(l => $"{(l.Ok ? "OK" : "PROBLEM")} {l.Subject}: {l.Text}")) }, cancellationToken);
                return bad == 0 ? ExitCodes.Ok : ExitCodes.Failed;
            }

            case "proxysql-node":
                return await NodeAsync(collector, client, cluster, args, output, proxy: true, cancellationToken);

            case "mariadb-node":
                return await NodeAsync(collector, client, cluster, args, output, proxy: false, cancellationToken);

            default:
                throw new UsageException($"unknown drill '{drill}' (mariadb-node, proxysql-node, health, history)");
        }
    }

    private static async Task<int> NodeAsync(CollectorConnection collector, Operations.OperationsClient client, string cluster, Arguments args, TextWriter output, bool proxy, CancellationToken cancellationToken)
    {
        var node = args.Positional.Count > 0 ? args.Shift() : proxy ? throw new UsageException("drill proxysql-node needs the ProxySQL node to stop (as kbctl status names it)") : null;
        var kill = args.Flag("--kill");
        var sql = (args.Option("--sql") ?? throw new UsageException("drill mariadb-node needs --sql HOST:PORT,HOST:PORT,... (every MariaDB node: the client writes to the first that answers, and every acknowledged write is checked on each)"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var through = args.Option("--through");
        if (proxy && through is null)
        {
            throw new UsageException("drill proxysql-node needs --through FRONTEND:6033,FRONTEND:6033 (the drilled proxy's frontend first: the client fails over to the next)");
        }

        var passwordFile = args.Option("--db-password-file") ?? throw new UsageException("drill mariadb-node needs --db-password-file FILE (password of --db-user, default keybuzz_drill)");
        var proxysqlFile = proxy ? null : args.Option("--proxysql");
        var options = new DrillOptions(
            sql, through, args.Option("--db-user") ?? "keybuzz_drill",
            File.Exists(passwordFile) ? (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim() : throw new UsageException($"--db-password-file {passwordFile} does not exist"),
            args.Option("--database") ?? "keybuzz_drill", kill,
            TimeArgument.Duration(args.Option("--down") ?? "10s", "--down"), TimeArgument.Duration(args.Option("--rejoin-timeout") ?? "5m", "--rejoin-timeout"), proxy);
        var (status, lines) = await HealthAsync(client, collector, cluster, cancellationToken);
        if (proxysqlFile is not null)
        {
            var settings = await ProxySql.ProxySqlSettingsReader.ReadAsync(args, proxysqlFile, status.Name);
            if (ProxySql.ProxySqlValidator.Validate(settings) is { Count: > 0 } invalid)
            {
                throw new UsageException($"--proxysql: {string.Join("; ", invalid)}");
            }

            options = options with { ProxySql = settings };
        }

        args.EnsureConsumed(0);
        foreach (var address in sql.Concat(through?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? []))
        {
            _ = DrillOptions.HostPort(address);
        }

        if (options.Down > TimeSpan.FromMinutes(8))
        {
            throw new UsageException("--down must be at most 8m (the agent's hold-down is capped at 10 minutes)");
        }

        node ??= status.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal).FirstOrDefault() ?? throw new UsageException("the cluster has no node");
        var known = proxy ? status.Proxies.Select(p => p.Name).ToList() : status.Nodes.Select(n => n.Name).ToList();
        if (!known.Contains(node))
        {
            throw new UsageException($"{(proxy ? "ProxySQL node" : "node")} '{node}' is not in cluster {status.Name} ({(known.Count == 0 ? "none reports" : string.Join(", ", known))})");
        }

        // A proxy drill also needs every proxy healthy: the client fails over to the other one.
        var proxyProblems = proxy ? string.Join("; ", lines.Where(l => !l.Ok && l.Subject.StartsWith("proxysql", StringComparison.Ordinal)).Select(l => $"{l.Subject}: {l.Text}")) : string.Empty;
        var refusal = HealthCheck.Refusal(lines) ?? (proxyProblems.Length > 0 ? proxyProblems : null);
        if (refusal is not null)
        {
            await output.WriteLineAsync($"Not starting the drill: the cluster is not healthy: {refusal}");
            return ExitCodes.Failed;
        }

        await output.WriteLineAsync($"Drill {(proxy ? "proxysql-node" : "mariadb-node")}{(kill ? " --kill" : string.Empty)} on {status.Name}/{node}: writes every 50 ms {(through is null ? $"to {sql[0]} (next node on error)" : $"through {through} (next on error)")}");
        var result = await new NodeDrill(collector, options, output).RunAsync(status.Name, node, cancellationToken);
        await output.WriteAsync(result.Report());
        await RecordAsync(client, collector, new DrillRecord { Cluster = status.Name, Node = node, Drill = result.Drill, Passed = result.Passed, Summary = result.Summary, Report = result.Report() }, cancellationToken);
        return result.Passed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<(ClusterStatus Status, IReadOnlyList<HealthCheck.Line> Lines)> HealthAsync(Operations.OperationsClient client, CollectorConnection collector, string cluster, CancellationToken cancellationToken)
    {
        var status = await client.GetStatusAsync(new StatusRequest { Cluster = cluster }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        if (status.Clusters.Count != 1)
        {
            throw new UsageException(status.Clusters.Count == 0 ? "no cluster reports to this collector" : $"several clusters report ({string.Join(", ", status.Clusters.Select(c => c.Name))}): name one with --cluster");
        }

        var alerts = await client.GetAlertsAsync(new AlertsRequest { Cluster = status.Clusters[0].Name }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        return (status.Clusters[0], HealthCheck.Lines(status.Clusters[0], alerts.Alerts));
    }

    private static Task<DrillRecord> RecordAsync(Operations.OperationsClient client, CollectorConnection collector, DrillRecord record, CancellationToken cancellationToken) =>
        client.RecordDrillAsync(record, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken).ResponseAsync;
}
