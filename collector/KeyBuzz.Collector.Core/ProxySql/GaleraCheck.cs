namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>
/// A row of monitor.mysql_server_galera_log: one health check of one backend by ProxySQL. When
/// Error is set, the other columns are ProxySQL's defaults (primary_partition=NO, read_only=YES…),
/// not what the node said: read the error, not them.
/// </summary>
public sealed record GaleraCheck(
    string Host,
    int Port,
    long TimeStartUs,
    long SuccessTimeUs,
    string PrimaryPartition,
    string ReadOnly,
    long RecvQueue,
    int LocalState,
    string Desync,
    string RejectQueries,
    string DonorRejectsQueries,
    string? Error)
{
    public string Endpoint => $"{Host}:{Port}";
}
