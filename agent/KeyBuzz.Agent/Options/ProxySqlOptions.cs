namespace KeyBuzz.Agent.Options;

/// <summary>Section "ProxySql" (Agent:Role "proxysql"): the local ProxySQL admin interface.</summary>
public sealed class ProxySqlOptions
{
    public const string Section = "ProxySql";

    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The admin port (6032), not the MySQL frontend (6033).</summary>
    public int Port { get; set; } = 6032;

    /// <summary>An admin user allowed from the agent's address (the default "admin" works only on localhost).</summary>
    public string User { get; set; } = "radmin";

    public string Password { get; set; } = string.Empty;

    /// <summary>How `kbctl drill proxysql-node` stops and starts this ProxySQL: "systemd" (SystemdUnit) or "process" (the lab: PidFile and StartCommand).</summary>
    public string ServiceControl { get; set; } = "systemd";

    public string SystemdUnit { get; set; } = "proxysql";

    public string PidFile { get; set; } = string.Empty;

    /// <summary>process mode: the program and arguments that start ProxySQL again (never with --initial: it would drop the applied config); its output is appended to LogPath.</summary>
    public string[] StartCommand { get; set; } = [];

    /// <summary>ProxySQL's log (e.g. /var/lib/proxysql/proxysql.log), read for "too many writers" lines; empty: not read.</summary>
    public string LogPath { get; set; } = string.Empty;

    /// <summary>Each admin table gets this long per cycle; a slow one is reported, never waited for.</summary>
    public int SamplerTimeoutMs { get; set; } = 800;
}
