using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Tests.Shared;

/// <summary>A captured ProxySQL state as the agent ships it: one AdminTable per admin table, NULL columns absent.</summary>
internal static class CaptureReadings
{
    /// <summary>Capture file name → the table name the agent's sampler uses.</summary>
    private static readonly Dictionary<string, string> Tables = new(StringComparer.Ordinal)
    {
        ["runtime_mysql_servers"] = "runtime_mysql_servers",
        ["runtime_mysql_galera_hostgroups"] = "runtime_mysql_galera_hostgroups",
        ["stats_mysql_connection_pool"] = "stats_mysql_connection_pool",
        ["stats_mysql_global"] = "stats_mysql_global",
        ["mysql_server_galera_log"] = "mysql_server_galera_log",
        ["stats_proxysql_servers_checksums"] = "stats_proxysql_servers_checksums",
        ["runtime_global_variables_monitor"] = "runtime_global_variables",
        ["stats_mysql_errors"] = "stats_mysql_errors",
    };

    public static ProxySqlReading Reading(string state, params string[] without)
    {
        var reading = new ProxySqlReading { AdminReachable = true };
        foreach (var (file, table) in Tables)
        {
            if (without.Contains(table) || !File.Exists(Path.Combine(CaptureTsv.Directory(state), file + ".tsv")))
            {
                continue;
            }

            var admin = new AdminTable { Name = table };
            foreach (var row in CaptureTsv.Rows(state, file))
            {
                var values = new AdminRow();
                foreach (var (column, value) in row.Where(c => c.Value is not null))
                {
                    values.Values[column] = value!;
                }

                admin.Rows.Add(values);
            }

            reading.Tables.Add(admin);
        }

        return reading;
    }
}
