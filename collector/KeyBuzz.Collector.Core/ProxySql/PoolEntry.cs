namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>A row of stats_mysql_connection_pool: connections and traffic per backend (not its routing state).</summary>
public sealed record PoolEntry(int Hostgroup, string Host, int Port, string Status, long ConnUsed, long ConnFree, long ConnOk, long ConnErr, long Queries, long LatencyUs)
{
    public string Endpoint => $"{Host}:{Port}";
}
