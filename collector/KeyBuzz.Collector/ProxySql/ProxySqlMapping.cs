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
            // Routing is read from runtime_mysql_servers every cycle: without it the proxy's state is
            // unknown now, and an old snapshot must not pass for a live one.
            if (!reading.AdminReachable || !tables.TryGetValue("runtime_mysql_servers", out var s))
            {
                var why = reading.Errors.Select(e => $"{e.Sampler}: {e.Message}").Take(2).ToList();
                return (null, reading.AdminReachable
                    ? $"runtime_mysql_servers could not be read{(why.Count > 0 ? $" ({string.Join("; ", why)})" : string.Empty)}"
                    : $"admin interface not reachable: {string.Join("; ", why)}");
            }

            var servers = AdminRows.Servers(s);
            var hostgroups = tables.TryGetValue("runtime_mysql_galera_hostgroups", out var h) ? AdminRows.Hostgroups(h) : previous?.Hostgroups;
            if (hostgroups is null)
            {
                return (null, "runtime_mysql_galera_hostgroups is required in the first reading");
            }

            var pool = tables.TryGetValue("stats_mysql_connection_pool", out var p) ? AdminRows.Pool(p) : previous?.Pool ?? [];
            var global = tables.TryGetValue("stats_mysql_global", out var g) ? AdminRows.Global(g) : previous?.Global ?? new Dictionary<string, long>();
            long? logged = tables.TryGetValue("proxysql_log", out var log) ? AdminRows.LogTooManyWriters(log)
                : previous is not null && previous.Global.TryGetValue(ProxyHistory.LogTooManyWriters, out var before) ? before : null;
            if (logged is not null)
            {
                global = new Dictionary<string, long>(global, StringComparer.Ordinal) { [ProxyHistory.LogTooManyWriters] = logged.Value };
            }

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
