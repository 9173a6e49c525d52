namespace KeyBuzz.Agent.Options;

/// <summary>Section "Repair": guarded local self-repair and how mariadbd is started.</summary>
public sealed class RepairOptions
{
    public const string Section = "Repair";

    /// <summary>When false the agent only observes: no restart, no bootstrap, no --wsrep-recover.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>"systemd" (systemctl / galera_new_cluster) in production, "process" (direct mariadbd) in the lab.</summary>
    public string ServiceControl { get; set; } = "systemd";

    public string SystemdUnit { get; set; } = "mariadb";

    /// <summary>
    /// systemd mode: the oneshot unit (packaged, runs as mysql) that runs `mariadbd --wsrep-recover`;
    /// the agent starts it through polkit instead of running mariadbd itself.
    /// </summary>
    public string RecoverUnit { get; set; } = "keybuzz-wsrep-recover.service";

    /// <summary>systemd mode: where RecoverUnit writes mariadbd's log (the recovered position is read from it).</summary>
    public string RecoverLog { get; set; } = "/run/keybuzz-recover/wsrep-recover.log";

    /// <summary>systemd mode: the oneshot unit (packaged, root) that runs galera_new_cluster, started after the agent's own checks.</summary>
    public string BootstrapUnit { get; set; } = "keybuzz-galera-bootstrap.service";

    public string MariadbdPath { get; set; } = "/usr/sbin/mariadbd";

    /// <summary>my.cnf of this node, passed as --defaults-file (required for "process"; optional for systemd).</summary>
    public string DefaultsFile { get; set; } = string.Empty;

    /// <summary>OS user mariadbd runs as (passed to --wsrep-recover when the agent runs as root).</summary>
    public string MariadbUser { get; set; } = "mysql";

    /// <summary>SQL addresses (host:port) of the other nodes, checked directly before a bootstrap.</summary>
    public string[] PeerAddresses { get; set; } = [];

    public int MaxRestarts { get; set; } = 3;

    public int WindowMinutes { get; set; } = 30;

    public int BackoffSeconds { get; set; } = 10;

    /// <summary>The collector's advice older than this is ignored (nothing irreversible without it).</summary>
    public int AdviceMaxAgeMs { get; set; } = 5000;

    /// <summary>How long to wait for the survivors to evict a crashed node before rejoining anyway.</summary>
    public int EvictionWaitMaxSeconds { get; set; } = 20;

    public int RecoverTimeoutSeconds { get; set; } = 300;
}
