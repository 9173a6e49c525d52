using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling;

/// <summary>Server health counters (raw; the collector computes rates).</summary>
internal sealed class HealthCountersSampler(MariaDbConnector connector) : IGaleraSampler
{
    private const string Query =
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('Uptime','Threads_connected','Threads_running'," +
        "'Questions','Com_commit','Com_rollback','Connections','Aborted_connects','Aborted_clients'," +
        "'Max_used_connections','Slow_queries','Innodb_row_lock_waits','Innodb_row_lock_current_waits'," +
        "'Innodb_deadlocks','Innodb_buffer_pool_wait_free','Innodb_data_pending_fsyncs','Open_files')";

    public string Name => "health_counters";

    public async Task<GaleraReading> SampleAsync(CancellationToken cancellationToken)
    {
        var rows = await connector.QueryPairsAsync(Query, cancellationToken);
        var fragment = new GaleraReading();
        foreach (var (name, value) in rows)
        {
            fragment.Status[name] = value;
        }

        return fragment;
    }
}
