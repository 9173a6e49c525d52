namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>A row of stats_proxysql_servers_checksums: one peer's checksum of one configuration module.</summary>
public sealed record PeerChecksum(string Host, int Port, string Name, long Version, long Epoch, string Checksum, long DiffCheck);
