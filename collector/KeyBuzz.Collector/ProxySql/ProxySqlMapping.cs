using KeyBuzz.Collector.Core.ProxySql;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.ProxySql;

/// <summary>
/// A ProxySQL agent's reading as the collector's model. A table whose sampler failed this cycle keeps
/// its previous rows; galera-log rows arrive incrementally and are merged with the recent ones.
/// </summary>
internal static class ProxySqlMapping
{
    private const int GaleraChecksKeptPerBackend = 5;

    public static (ProxySnapshot? Snapshot, string? Error) ToSnapshot(ProxySqlReading reading, ProxySnapshot? previous)
    {
        var tables = reading.Tables.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Rows(g.Last()), StringComparer.Ordinal);
        try
        {
            var servers = tables.TryGetValue("runtime_mysql_servers", out var s) ? AdminRows.Servers(s) : previous?.Servers;
            var hostgroups = tables.TryGetValue("runtime_mysql_galera_hostgroups", out var h) ? AdminRows.Hostgroups(h) : previous?.Hostgroups;
            if (servers is null || hostgroups is null)
            {
                return (null, reading.AdminReachable
                    ? "runtime_mysql_servers and runtime_mysql_galera_hostgroups are required in the first reading"
                    : $"admin interface not reachable: {string.Join("; ", reading.Errors.Select(e => $"{e.Sampler}: {e.Message}").Take(2))}");
            }

            var pool = tables.TryGetValue("stats_mysql_connection_pool", out var p) ? AdminRows.Pool(p) : previous?.Pool ?? [];
            var global = tables.TryGetValue("stats_mysql_global", out var g) ? AdminRows.Global(g) : previous?.Global ?? new Dictionary<string, long>();
            var checksums = tables.TryGetValue("stats_proxysql_servers_checksums", out var c) ? AdminRows.Checksums(c) : previous?.Checksums;
            var variables = tables.TryGetValue("runtime_global_variables", out var v) ? AdminRows.Variables(v) : previous?.Variables;
            var newChecks = tables.TryGetValue("mysql_server_galera_log", out var l) ? AdminRows.GaleraLog(l) : [];
            var galeraLog = (previous?.GaleraLog ?? []).Concat(newChecks)
                .GroupBy(x => x.Endpoint, StringComparer.Ordinal)
                .SelectMany(x => x.OrderByDescending(y => y.TimeStartUs).Take(GaleraChecksKeptPerBackend).Reverse())
                .ToList();
            return (new ProxySnapshot(servers, hostgroups, pool, galeraLog, global, checksums, variables), null);
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }
        catch (OverflowException ex)
        {
            return (null, ex.Message);
        }
    }

    private static IReadOnlyList<IReadOnlyDictionary<string, string?>> Rows(AdminTable table) =>
        [.. table.Rows.Select(r => (IReadOnlyDictionary<string, string?>)r.Values.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal))];
}
