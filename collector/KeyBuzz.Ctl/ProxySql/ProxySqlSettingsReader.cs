using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Inventory;

namespace KeyBuzz.Ctl.ProxySql;

/// <summary>
/// The ProxySQL settings of one cluster from servers.tsv and the options every ProxySQL command
/// takes (users, secret files, tuning): kbctl proxysql config/apply/switchover, and drills that
/// move the writer away before stopping it.
/// </summary>
internal static class ProxySqlSettingsReader
{
    /// <param name="cluster">The cluster, when the command already knows it; else --cluster.</param>
    public static async Task<ProxySqlSettings> ReadAsync(Arguments args, string file, string? cluster = null)
    {
        cluster ??= args.Option("--cluster") ?? throw new UsageException("the ProxySQL options need --cluster NAME");
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

        return new ProxySqlSettings
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
