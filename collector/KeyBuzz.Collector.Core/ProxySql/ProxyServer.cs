namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>A row of runtime_mysql_servers: where ProxySQL routes right now (the pool table keeps stale rows).</summary>
public sealed record ProxyServer(int Hostgroup, string Host, int Port, string Status, long Weight, long MaxConnections, long MaxLatencyMs, string Comment)
{
    public string Endpoint => $"{Host}:{Port}";

    public bool IsOnline => Status == "ONLINE";
}
