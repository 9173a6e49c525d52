using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling.ProxySql;

/// <summary>A whole (small) admin table every cycle.</summary>
internal sealed class AdminTableSampler(AdminConnector admin, string name, string sql) : IProxySqlSampler
{
    /// <summary>
    /// What the agent reads every cycle (proxysql.md §1). Server state comes from runtime_mysql_servers:
    /// the connection pool keeps stale rows of servers that moved.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Sql)> Tables =
    [
        ("runtime_mysql_servers", "SELECT hostgroup_id, hostname, port, status, weight, max_connections, max_latency_ms, comment FROM runtime_mysql_servers ORDER BY hostgroup_id, hostname, port"),
        ("runtime_mysql_galera_hostgroups", "SELECT * FROM runtime_mysql_galera_hostgroups"),
        ("stats_mysql_connection_pool", "SELECT * FROM stats.stats_mysql_connection_pool ORDER BY hostgroup, srv_host, srv_port"),
        ("stats_mysql_global", "SELECT * FROM stats.stats_mysql_global WHERE Variable_Name IN ('ProxySQL_Uptime','Active_Transactions','Client_Connections_aborted','Client_Connections_connected','Client_Connections_created','Client_Connections_non_idle','Server_Connections_aborted','Server_Connections_connected','Server_Connections_created','Questions','Slow_queries','ConnPool_get_conn_failure','ConnPool_get_conn_success','MyHGM_myconnpoll_get','MyHGM_myconnpoll_get_ok','client_host_error_killed_connections','mysql_killed_backend_connections','generated_error_packets','max_connect_timeouts','Access_Denied_Wrong_Password','Access_Denied_Max_Connections','Access_Denied_Max_User_Connections')"),
        ("mysql_server_ping_log", "SELECT hostname, port, time_start_us, ping_success_time_us, ping_error FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY hostname, port ORDER BY time_start_us DESC) AS rn FROM monitor.mysql_server_ping_log) WHERE rn <= 1 ORDER BY hostname, port"),
        ("stats_mysql_errors", "SELECT * FROM stats.stats_mysql_errors ORDER BY hostgroup, hostname, port, errno"),
        ("stats_mysql_commands_counters", "SELECT * FROM stats.stats_mysql_commands_counters WHERE Total_cnt > 0"),
        ("stats_proxysql_servers_checksums", "SELECT * FROM stats.stats_proxysql_servers_checksums ORDER BY hostname, port, name"),
        // Secrets are never shipped: the monitor and cluster passwords stay on the proxy.
        ("runtime_global_variables", "SELECT variable_name, variable_value FROM runtime_global_variables WHERE (variable_name LIKE 'mysql-monitor_%' OR variable_name LIKE 'admin-cluster_%' OR variable_name IN ('mysql-connect_timeout_server','mysql-connect_timeout_server_max','mysql-shun_on_failures','mysql-shun_recovery_time_sec','mysql-default_max_latency_ms','mysql-max_connections')) AND variable_name NOT LIKE '%password%'"),
    ];

    public string Name => name;

    public Task<AdminTable> SampleAsync(CancellationToken cancellationToken) => admin.QueryAsync(name, sql, cancellationToken);
}
