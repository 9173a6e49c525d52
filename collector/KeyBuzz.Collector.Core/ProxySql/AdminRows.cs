using System.Globalization;

namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>
/// Builds the model from admin result rows (column name → text, NULL as null), as the agent reads
/// them. A missing column or a malformed number is an error naming the table, row and column.
/// </summary>
public static class AdminRows
{
    public static IReadOnlyList<ProxyServer> Servers(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows) =>
        rows.Select((r, i) => new ProxyServer(
            Int(r, "hostgroup_id", "runtime_mysql_servers", i), Text(r, "hostname", "runtime_mysql_servers", i), Int(r, "port", "runtime_mysql_servers", i),
            Text(r, "status", "runtime_mysql_servers", i), Long(r, "weight", "runtime_mysql_servers", i), Long(r, "max_connections", "runtime_mysql_servers", i),
            Long(r, "max_latency_ms", "runtime_mysql_servers", i), r.TryGetValue("comment", out var c) ? c ?? string.Empty : string.Empty)).ToList();

    public static IReadOnlyList<GaleraHostgroups> Hostgroups(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows) =>
        rows.Select((r, i) => new GaleraHostgroups(
            Int(r, "writer_hostgroup", "runtime_mysql_galera_hostgroups", i), Int(r, "backup_writer_hostgroup", "runtime_mysql_galera_hostgroups", i),
            Int(r, "reader_hostgroup", "runtime_mysql_galera_hostgroups", i), Int(r, "offline_hostgroup", "runtime_mysql_galera_hostgroups", i),
            Int(r, "active", "runtime_mysql_galera_hostgroups", i) != 0, Int(r, "max_writers", "runtime_mysql_galera_hostgroups", i),
            Int(r, "writer_is_also_reader", "runtime_mysql_galera_hostgroups", i), Long(r, "max_transactions_behind", "runtime_mysql_galera_hostgroups", i))).ToList();

    public static IReadOnlyList<PoolEntry> Pool(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows) =>
        rows.Select((r, i) => new PoolEntry(
            Int(r, "hostgroup", "stats_mysql_connection_pool", i), Text(r, "srv_host", "stats_mysql_connection_pool", i), Int(r, "srv_port", "stats_mysql_connection_pool", i),
            Text(r, "status", "stats_mysql_connection_pool", i), Long(r, "ConnUsed", "stats_mysql_connection_pool", i), Long(r, "ConnFree", "stats_mysql_connection_pool", i),
            Long(r, "ConnOK", "stats_mysql_connection_pool", i), Long(r, "ConnERR", "stats_mysql_connection_pool", i), Long(r, "Queries", "stats_mysql_connection_pool", i),
            Long(r, "Latency_us", "stats_mysql_connection_pool", i))).ToList();

    public static IReadOnlyList<GaleraCheck> GaleraLog(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows) =>
        rows.Select((r, i) => new GaleraCheck(
            Text(r, "hostname", "mysql_server_galera_log", i), Int(r, "port", "mysql_server_galera_log", i), Long(r, "time_start_us", "mysql_server_galera_log", i),
            Long(r, "success_time_us", "mysql_server_galera_log", i), Text(r, "primary_partition", "mysql_server_galera_log", i), Text(r, "read_only", "mysql_server_galera_log", i),
            Long(r, "wsrep_local_recv_queue", "mysql_server_galera_log", i), Int(r, "wsrep_local_state", "mysql_server_galera_log", i), Text(r, "wsrep_desync", "mysql_server_galera_log", i),
            Text(r, "wsrep_reject_queries", "mysql_server_galera_log", i), Text(r, "wsrep_sst_donor_rejects_queries", "mysql_server_galera_log", i),
            r.TryGetValue("error", out var e) && !string.IsNullOrEmpty(e) ? e : null)).ToList();

    public static IReadOnlyList<PeerChecksum> Checksums(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows) =>
        rows.Select((r, i) => new PeerChecksum(
            Text(r, "hostname", "stats_proxysql_servers_checksums", i), Int(r, "port", "stats_proxysql_servers_checksums", i), Text(r, "name", "stats_proxysql_servers_checksums", i),
            Long(r, "version", "stats_proxysql_servers_checksums", i), Long(r, "epoch", "stats_proxysql_servers_checksums", i),
            Text(r, "checksum", "stats_proxysql_servers_checksums", i), Long(r, "diff_check", "stats_proxysql_servers_checksums", i))).ToList();

    /// <summary>runtime_global_variables: variable_name → variable_value.</summary>
    public static IReadOnlyDictionary<string, string> Variables(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows) =>
        rows.Where(r => r.TryGetValue("variable_name", out var n) && n is not null)
            .ToDictionary(r => r["variable_name"]!, r => r.TryGetValue("variable_value", out var v) ? v ?? string.Empty : string.Empty, StringComparer.Ordinal);

    /// <summary>stats_mysql_global: Variable_Name → numeric value (non-numeric values are skipped).</summary>
    public static IReadOnlyDictionary<string, long> Global(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows) =>
        rows.Where(r => r.TryGetValue("Variable_Name", out var n) && n is not null && r.TryGetValue("Variable_Value", out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            .ToDictionary(r => r["Variable_Name"]!, r => long.Parse(r["Variable_Value"]!, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    /// <summary>The agent's count of "too many writers" lines in ProxySQL's log (table proxysql_log, one row).</summary>
    public static long LogTooManyWriters(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows) =>
        rows.Count == 1 ? Long(rows[0], "too_many_writers_total", "proxysql_log", 0) : throw new FormatException($"proxysql_log has {rows.Count} rows, expected 1");

    private static string Text(IReadOnlyDictionary<string, string?> row, string column, string table, int index) =>
        row.TryGetValue(column, out var value) && value is not null
            ? value
            : throw new FormatException($"{table} row {index + 1}: column {column} is missing or NULL");

    private static long Long(IReadOnlyDictionary<string, string?> row, string column, string table, int index) =>
        long.TryParse(Text(row, column, table, index), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{table} row {index + 1}: column {column} is not a number: '{row[column]}'");

    private static int Int(IReadOnlyDictionary<string, string?> row, string column, string table, int index) =>
        checked((int)Long(row, column, table, index));
}
