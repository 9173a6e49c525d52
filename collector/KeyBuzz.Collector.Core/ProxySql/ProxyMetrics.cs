namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>
/// The numbers of a ProxySQL reading kept in history: per backend (summed over its hostgroups) the
/// connections in use, connection errors and queries, and the frontend counters an operator checks first.
/// </summary>
public static class ProxyMetrics
{
    public const string ConnUsed = "ConnUsed";
    public const string ConnErr = "ConnERR";
    public const string Queries = "Queries";
    public const string LatencyUs = "Latency_us";

    public static readonly IReadOnlyList<string> GlobalCounters =
    [
        "Client_Connections_connected", "Client_Connections_aborted", "Questions", "Slow_queries",
        "Server_Connections_connected", "Server_Connections_aborted", "ConnPool_get_conn_failure", "max_connect_timeouts",
    ];

    /// <summary>A backend's metric name, e.g. "ConnUsed:127.0.0.1:3306".</summary>
    public static string ForBackend(string metric, string endpoint) => $"{metric}:{endpoint}";

    public static IReadOnlyList<(string Name, double Value)> From(ProxySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var values = new List<(string, double)>();
        foreach (var backend in snapshot.Pool.GroupBy(p => p.Endpoint, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            values.Add((ForBackend(ConnUsed, backend.Key), backend.Sum(p => p.ConnUsed)));
            values.Add((ForBackend(ConnErr, backend.Key), backend.Sum(p => p.ConnErr)));
            values.Add((ForBackend(Queries, backend.Key), backend.Sum(p => p.Queries)));
            values.Add((ForBackend(LatencyUs, backend.Key), backend.Max(p => p.LatencyUs)));
        }

        foreach (var name in GlobalCounters)
        {
            if (snapshot.Global.TryGetValue(name, out var value))
            {
                values.Add((name, value));
            }
        }

        return values;
    }
}
