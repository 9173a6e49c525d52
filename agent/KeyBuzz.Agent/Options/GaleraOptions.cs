namespace KeyBuzz.Agent.Options;

/// <summary>Section "Galera": how to reach the local MariaDB node and its files.</summary>
public sealed class GaleraOptions
{
    public const string Section = "Galera";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 3306;

    /// <summary>Unix socket; when set it is used instead of Host/Port.</summary>
    public string Socket { get; set; } = string.Empty;

    public string User { get; set; } = "kbmon";

    public string Password { get; set; } = string.Empty;

    public string DataDirectory { get; set; } = "/var/lib/mysql";

    public string PidFile { get; set; } = "/run/mysqld/mysqld.pid";

    /// <summary>
    /// The server config fragment a rolling apply (kbctl galera apply) writes; it must be read by
    /// mariadbd after the other files (the package includes /etc/keybuzz/galera.d/ last).
    /// </summary>
    public string ConfigFragmentPath { get; set; } = "/etc/keybuzz/galera.d/70-keybuzz-tuning.cnf";

    /// <summary>
    /// Provider options that belong to this node only (listen addresses, SSL files). Only the last
    /// wsrep_provider_options line counts, so the agent appends these to the one of every fragment it
    /// writes; otherwise a cluster-wide fragment would silently drop them.
    /// </summary>
    public string NodeProviderOptions { get; set; } = string.Empty;

    /// <summary>Each sampler gets this long per cycle; a slow one is reported, never waited for.</summary>
    public int SamplerTimeoutMs { get; set; } = 800;
}
