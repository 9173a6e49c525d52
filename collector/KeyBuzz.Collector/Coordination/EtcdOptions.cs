namespace KeyBuzz.Collector.Coordination;

/// <summary>
/// Section "Collector:Etcd". Empty Endpoints (the default): one collector, no etcd. Set: this
/// collector is one replica of several, and only the one holding the etcd leader lease coordinates.
/// </summary>
internal sealed class EtcdOptions
{
    public const string Section = "Collector:Etcd";

    /// <summary>Client URLs of the etcd members, e.g. https://10.0.0.5:2379 (all of them: any member answers).</summary>
    public string[] Endpoints { get; set; } = [];

    /// <summary>Keys of this deployment live under this prefix (several deployments may share one etcd).</summary>
    public string Prefix { get; set; } = "/keybuzz";

    /// <summary>This replica's name, shown in kbctl status; default the host name.</summary>
    public string ReplicaName { get; set; } = string.Empty;

    /// <summary>The gRPC URL operators and agents reach this replica at; followers name the leader's.</summary>
    public string AdvertiseUrl { get; set; } = string.Empty;

    /// <summary>Leader lease TTL: a dead leader is replaced after at most this long.</summary>
    public int LeaseTtlSeconds { get; set; } = 5;

    /// <summary>PEM CA that signed the etcd members' certificates (https endpoints).</summary>
    public string CaFile { get; set; } = string.Empty;

    /// <summary>Client certificate and key, when etcd requires client certificates.</summary>
    public string CertFile { get; set; } = string.Empty;

    public string KeyFile { get; set; } = string.Empty;

    /// <summary>etcd user (etcd's own authentication) and the file holding its password.</summary>
    public string Username { get; set; } = string.Empty;

    public string PasswordFile { get; set; } = string.Empty;

    public bool Enabled => Endpoints.Length > 0;

    public string Name => ReplicaName.Length > 0 ? ReplicaName : Environment.MachineName;
}
