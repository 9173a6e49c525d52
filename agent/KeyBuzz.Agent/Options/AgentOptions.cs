namespace KeyBuzz.Agent.Options;

/// <summary>Section "Agent": who this agent is and where it ships readings.</summary>
public sealed class AgentOptions
{
    public const string Section = "Agent";

    public string NodeName { get; set; } = string.Empty;

    public string ClusterName { get; set; } = string.Empty;

    /// <summary>"galera" (MariaDB node) for now; "proxysql" comes later.</summary>
    public string Role { get; set; } = "galera";

    public string CollectorUrl { get; set; } = "http://127.0.0.1:7171";

    /// <summary>File holding this node's token (from `kb-collector tokens add-agent`); empty for a no-auth lab collector.</summary>
    public string TokenFile { get; set; } = string.Empty;

    /// <summary>For an https:// CollectorUrl: the cluster CA (ca.crt from `kb-collector tls init`); empty: the system trust store.</summary>
    public string CollectorCaFile { get; set; } = string.Empty;

    public int IntervalMs { get; set; } = 1000;

    /// <summary>Readings kept while the collector is unreachable: 1200 = 20 minutes at 1 Hz.</summary>
    public int BufferCapacity { get; set; } = 1200;

    public int MaxBatchSize { get; set; } = 500;

    public int ReconnectInitialMs { get; set; } = 250;

    public int ReconnectMaxMs { get; set; } = 10_000;

    public string StateDirectory { get; set; } = "/var/lib/keybuzz/agent";

    /// <summary>Rolling log files go here; empty: console only (journald under systemd).</summary>
    public string LogDirectory { get; set; } = string.Empty;
}
