using System.Globalization;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Inventory;
using KeyBuzz.Ctl.Output;
using KeyBuzz.Ctl.ProxySql;

namespace KeyBuzz.Ctl.Commands;

/// <summary>
/// `kbctl proxysql config|apply servers.tsv --cluster C --app-users USER:PWFILE[,…] --monitor-password-file F
/// --admin-password-file F --cluster-password-file F [--writer NODE] [tuning options] [--out DIR | --dry-run]`
/// and `kbctl proxysql switchover NODE servers.tsv … [--drain-timeout 30s]`. config is offline and writes
/// the admin SQL and the equivalent proxysql.cnf; apply and switchover talk to the admin interfaces
/// of every ProxySQL node of the cluster directly, in parallel. Invalid settings are refused first.
/// </summary>
internal static class ProxySqlCommand
{
    public static async Task<int> RunAsync(Arguments args, TextWriter output, TextWriter error, Func<CollectorConnection?>? collector = null, CancellationToken cancellationToken = default)
    {
        var action = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("proxysql needs an action: config, apply or switchover");
        if (action is not ("config" or "apply" or "switchover"))
        {
            throw new UsageException($"unknown proxysql action '{action}' (config, apply, switchover)");
        }

        var switchTo = action == "switchover" ? (args.Positional.Count > 0 ? args.Shift() : throw new UsageException("proxysql switchover needs the node to make writer, then servers.tsv")) : null;
        var file = args.Positional.Count > 0 ? args.Shift() : throw new UsageException($"proxysql {action} needs the servers.tsv file");
        var cluster = args.Option("--cluster") ?? throw new UsageException("proxysql config needs --cluster NAME");
        if (!File.Exists(file))
        {
            throw new UsageException($"{file} does not exist");
        }

        var (inventory, problems) = InventoryParser.Parse(await File.ReadAllTextAsync(file), Path.GetFileName(file), requireCollector: false);
        if (inventory is null)
        {
            throw new UsageException($"{file} is invalid: {string.Join("; ", problems)}");
        }

        var rows = inventory.Rows.Where(r => r.Cluster == cluster).ToList();
        var nodes = rows.Where(r => r.Role == InventoryRow.MariaDb).ToList();
        var writer = args.Option("--writer");
        if (writer is not null)
        {
            var preferred = nodes.FirstOrDefault(n => n.HostName == writer) ?? throw new UsageException($"--writer {writer} is not a mariadb node of cluster {cluster}");
            nodes = [preferred, .. nodes.Where(n => n != preferred)];
        }

        var settings = new ProxySqlSettings
        {
            Cluster = cluster,
            Backends = [.. nodes.Select(n => (n.PrivateIp.ToString(), 3306, n.HostName))],
            Proxies = [.. rows.Where(r => r.Role == InventoryRow.ProxySql).Select(r => (r.PrivateIp.ToString(), r.HostName))],
            AppUsers = [.. (args.Option("--app-users") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(AppUser)],
            MonitorUser = args.Option("--monitor-user") ?? "monitor",
            MonitorPassword = Secret(args.Option("--monitor-password-file"), "--monitor-password-file"),
            AdminUser = args.Option("--admin-user") ?? "radmin",
            AdminPassword = Secret(args.Option("--admin-password-file"), "--admin-password-file"),
            ClusterUser = args.Option("--cluster-user") ?? "cluster",
            ClusterPassword = Secret(args.Option("--cluster-password-file"), "--cluster-password-file"),
            GaleraCheckIntervalMs = args.LongOption("--galera-interval", 1000),
            GaleraCheckTimeoutMs = args.LongOption("--galera-timeout", 800),
            GaleraCheckMaxTimeouts = args.LongOption("--galera-max-timeouts", 3),
            PingIntervalMs = args.LongOption("--ping-interval", 2000),
            PingTimeoutMs = args.LongOption("--ping-timeout", 1000),
            PingMaxFailures = args.LongOption("--ping-max-failures", 3),
            MaxLatencyMs = args.LongOption("--max-latency-ms", 1000),
            ConnectTimeoutServerMaxMs = args.LongOption("--connect-timeout-max", 10000),
            MaxConnectionsPerBackend = args.LongOption("--max-connections", 1000),
        };
        var outDir = action == "config" ? args.Option("--out") : null;
        var dryRun = action == "apply" && args.Flag("--dry-run");
        var allowFailback = action == "apply" && args.Flag("--allow-failback");
        var drain = action == "switchover" ? TimeArgument.Duration(args.Option("--drain-timeout") ?? "30s", "--drain-timeout") : TimeSpan.Zero;
        args.EnsureConsumed(0);

        var errors = ProxySqlValidator.Validate(settings);
        if (errors.Count > 0)
        {
            return await GeneratedFiles.RefuseAsync(errors, error);
        }

        if (action != "config")
        {
            var code = await ProxySqlApplyCommand.RunAsync(settings, switchTo, dryRun, allowFailback, drain, output, error, cancellationToken);
            if (code == ExitCodes.Ok && action == "apply" && !dryRun)
            {
                await AppliedConfigRecorder.RecordAsync(settings, collector?.Invoke(), output, error, cancellationToken);
            }

            return code;
        }

        var sql = AdminSqlRenderer.Render(settings);
        if (outDir is null)
        {
            await output.WriteAsync(sql);
            return ExitCodes.Ok;
        }

        Directory.CreateDirectory(outDir);
        foreach (var (name, content) in new[] { ("proxysql-admin.sql", sql), ("proxysql.cnf", CnfRenderer.Render(settings)) })
        {
            await GeneratedFiles.WriteSecretAsync(Path.Combine(outDir, name), content, output); // holds passwords
        }

        return ExitCodes.Ok;
    }

    private static (string User, string Password) AppUser(string spec)
    {
        var parts = spec.Split(':', 2);
        return parts.Length == 2 ? (parts[0], Secret(parts[1], $"--app-users {parts[0]}")) : throw new UsageException($"--app-users '{spec}' must be USER:PASSWORD_FILE");
    }

    private static string Secret(string? path, string option) =>
        path is null ? throw new UsageException($"{option} FILE is required (passwords are read from files, never from the command line)")
        : File.Exists(path) ? File.ReadAllText(path).Trim()
        : throw new UsageException($"{option} {path} does not exist");
}
