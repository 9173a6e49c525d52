using KeyBuzz.Collector.Core.ProxySql;
using KeyBuzz.Tests.Shared;

namespace KeyBuzz.Collector.Core.Tests.ProxySql;

/// <summary>The model built from the real captured admin output of one state.</summary>
internal static class Captures
{
    public static string Directory(string state) => CaptureTsv.Directory(state);

    public static IReadOnlyList<IReadOnlyDictionary<string, string?>> Rows(string state, string table) => CaptureTsv.Rows(state, table);

    public static ProxySnapshot Snapshot(string state) => new(
        AdminRows.Servers(Rows(state, "runtime_mysql_servers")),
        AdminRows.Hostgroups(Rows(state, "runtime_mysql_galera_hostgroups")),
        AdminRows.Pool(Rows(state, "stats_mysql_connection_pool")),
        AdminRows.GaleraLog(Rows(state, "mysql_server_galera_log")),
        AdminRows.Global(Rows(state, "stats_mysql_global")),
        AdminRows.Checksums(Rows(state, "stats_proxysql_servers_checksums")),
        AdminRows.Variables(Rows(state, "runtime_global_variables_monitor")));
}
