using System.Globalization;

namespace KeyBuzz.Ctl.ProxySql;

/// <summary>What one ProxySQL runs now (its runtime_* tables), as apply compares it with the desired config.</summary>
internal sealed record AdminState(
    IReadOnlyList<ServerRow> Servers,
    IReadOnlyList<IReadOnlyDictionary<string, string?>> Hostgroups,
    IReadOnlyList<IReadOnlyDictionary<string, string?>> Users,
    IReadOnlyDictionary<string, string> Variables,
    IReadOnlyList<string> ProxySqlServers)
{
    /// <summary>The ONLINE server of the writer hostgroup when there is exactly one.</summary>
    public string? Writer(int writerHostgroup)
    {
        var online = Servers.Where(s => s.Hostgroup == writerHostgroup && s.Status == "ONLINE").ToList();
        return online.Count == 1 ? online[0].Endpoint : null;
    }

    public static AdminState From(
        IReadOnlyList<IReadOnlyDictionary<string, string?>> servers,
        IReadOnlyList<IReadOnlyDictionary<string, string?>> hostgroups,
        IReadOnlyList<IReadOnlyDictionary<string, string?>> users,
        IReadOnlyList<IReadOnlyDictionary<string, string?>> variables,
        IReadOnlyList<IReadOnlyDictionary<string, string?>> proxySqlServers) => new(
            [.. servers.Select(r => new ServerRow(
                Int(r, "hostgroup_id"), r["hostname"] ?? string.Empty, Int(r, "port"), r["status"] ?? string.Empty,
                Long(r, "weight"), Long(r, "max_connections"), Long(r, "max_latency_ms"), r.TryGetValue("comment", out var c) ? c ?? string.Empty : string.Empty))],
            hostgroups,
            users,
            variables.Where(r => r.TryGetValue("variable_name", out var n) && n is not null)
                .ToDictionary(r => r["variable_name"]!, r => r.TryGetValue("variable_value", out var v) ? v ?? string.Empty : string.Empty, StringComparer.Ordinal),
            [.. proxySqlServers.Select(r => $"{r["hostname"]}:{r["port"]}")]);

    private static long Long(IReadOnlyDictionary<string, string?> row, string column) =>
        row.TryGetValue(column, out var v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"runtime_mysql_servers: column {column} is missing or not a number");

    private static int Int(IReadOnlyDictionary<string, string?> row, string column) => checked((int)Long(row, column));
}
