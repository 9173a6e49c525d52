namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>What one ProxySQL node's admin interface said at one instant.</summary>
public sealed record ProxySnapshot(
    IReadOnlyList<ProxyServer> Servers,
    IReadOnlyList<GaleraHostgroups> Hostgroups,
    IReadOnlyList<PoolEntry> Pool,
    IReadOnlyList<GaleraCheck> GaleraLog,
    IReadOnlyDictionary<string, long> Global,
    IReadOnlyList<PeerChecksum>? Checksums = null,
    IReadOnlyDictionary<string, string>? Variables = null);
