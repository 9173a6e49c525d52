using KeyBuzz.Agent.Core.Provider;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling;

/// <summary>The few server variables that change how the node serves or how Galera behaves.</summary>
internal sealed class VariablesSampler(MariaDbConnector connector) : IGaleraSampler
{
    private const string Query =
        "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('wsrep_desync','read_only','wsrep_reject_queries'," +
        "'wsrep_sst_donor_rejects_queries','wsrep_provider_options','wsrep_cluster_name','wsrep_node_name'," +
        "'wsrep_on','innodb_flush_log_at_trx_commit','sync_binlog','version','max_connections'," +
        "'innodb_buffer_pool_size','innodb_log_file_size','innodb_flush_method','wsrep_sst_method','wsrep_slave_threads')";

    public string Name => "variables";

    public async Task<GaleraReading> SampleAsync(CancellationToken cancellationToken)
    {
        var rows = await connector.QueryPairsAsync(Query, cancellationToken);
        var fragment = new GaleraReading();
        foreach (var (name, value) in rows)
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
