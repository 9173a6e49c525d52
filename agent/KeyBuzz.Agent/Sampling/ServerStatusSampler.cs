using KeyBuzz.Agent.Core.Provider;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling;

/// <summary>
/// Every wsrep_% status variable, the server's health counters (raw; the collector computes rates)
/// and the few variables that change how the node serves or how Galera behaves: three SHOW
/// statements in one round trip (SHOW answers on a non-Primary node too, where SELECTs on
/// information_schema are refused).
/// </summary>
internal sealed class ServerStatusSampler(MariaDbConnector connector) : IGaleraSampler
{
    private const string Query =
        "SHOW GLOBAL STATUS LIKE 'wsrep\\_%';" +
        "SHOW GLOBAL STATUS WHERE Variable_name IN ('Uptime','Threads_connected','Threads_running'," +
        "'Questions','Com_commit','Com_rollback','Connections','Aborted_connects','Aborted_clients'," +
        "'Max_used_connections','Slow_queries','Innodb_row_lock_waits','Innodb_row_lock_current_waits'," +
        "'Innodb_deadlocks','Innodb_buffer_pool_wait_free','Innodb_data_pending_fsyncs','Open_files');" +
        "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('wsrep_desync','read_only','wsrep_reject_queries'," +
        "'wsrep_sst_donor_rejects_queries','wsrep_provider_options','wsrep_cluster_name','wsrep_node_name'," +
        "'wsrep_on','innodb_flush_log_at_trx_commit','sync_binlog','version','max_connections'," +
        "'innodb_buffer_pool_size','innodb_log_file_size','innodb_flush_method','wsrep_sst_method','wsrep_slave_threads')";

    public string Name => "server_status";

    public async Task<GaleraReading> SampleAsync(CancellationToken cancellationToken)
    {
        var sets = await connector.QueryPairSetsAsync(Query, cancellationToken);
        if (sets.Count != 3)
        {
            throw new InvalidOperationException($"the server answered {sets.Count} result sets to 3 SHOW statements");
        }

        var fragment = new GaleraReading { SqlReachable = true };
        foreach (var (name, value) in sets[0].Concat(sets[1]))
        {
            fragment.Status[name] = value;
        }

        foreach (var (name, value) in sets[2])
        {
            if (name == "wsrep_provider_options")
            {
                foreach (var (key, option) in ProviderOptionsParser.Parse(value))
                {
                    fragment.ProviderOptions[key] = option;
                }

                continue;
            }

            fragment.Variables[name] = value;
        }

        return fragment;
    }
}
