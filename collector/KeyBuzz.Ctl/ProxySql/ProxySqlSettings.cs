namespace KeyBuzz.Ctl.ProxySql;

/// <summary>
/// Everything `kbctl proxysql config` renders, with the defaults verified on ProxySQL 2.7.2 in front of
/// Galera (proxysql-lab.md §7). Passwords come from files, never from the command line.
/// </summary>
internal sealed record ProxySqlSettings
{
    public required string Cluster { get; init; }

    /// <summary>MariaDB nodes in writer-preference order: the first is the preferred writer.</summary>
    public required IReadOnlyList<(string Host, int Port, string Name)> Backends { get; init; }

    /// <summary>The ProxySQL nodes of the cluster (admin address, port 6032).</summary>
    public required IReadOnlyList<(string Host, string Name)> Proxies { get; init; }

    public required IReadOnlyList<(string User, string Password)> AppUsers { get; init; }

    public string MonitorUser { get; init; } = "monitor";

    public required string MonitorPassword { get; init; }

    /// <summary>An admin user allowed remotely (ProxySQL's "admin" only works from localhost), the one the agents use too.</summary>
    public string AdminUser { get; init; } = "radmin";

    public required string AdminPassword { get; init; }

    public string ClusterUser { get; init; } = "cluster";

    public required string ClusterPassword { get; init; }

    public int WriterHostgroup { get; init; } = 10;

    public int BackupWriterHostgroup { get; init; } = 20;

    public int ReaderHostgroup { get; init; } = 30;

    public int OfflineHostgroup { get; init; } = 9999;

    public long MaxTransactionsBehind { get; init; } = 256;

    public long GaleraCheckIntervalMs { get; init; } = 1000;

    public long GaleraCheckTimeoutMs { get; init; } = 800;

    public long GaleraCheckMaxTimeouts { get; init; } = 3;

    public long PingIntervalMs { get; init; } = 2000;

    public long PingTimeoutMs { get; init; } = 1000;

    public long PingMaxFailures { get; init; } = 3;

    /// <summary>mysql-default_max_latency_ms: a backend whose ping is slower is skipped (the spec's "max latency").</summary>
    public long MaxLatencyMs { get; init; } = 1000;

    public long ConnectTimeoutServerMaxMs { get; init; } = 10000;

    public long ShunOnFailures { get; init; } = 5;

    public long ShunRecoveryTimeSec { get; init; } = 10;

    public long MaxConnectionsPerBackend { get; init; } = 1000;
}
