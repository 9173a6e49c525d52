using System.Net;
using KeyBuzz.Contracts;

namespace KeyBuzz.Ctl.Inventory;

/// <summary>
/// Parses servers.tsv: tab-separated, a header row naming at least hostname, private_ip, role and
/// cluster (any order, extra columns ignored), '#' comments and blank lines allowed. Every problem is
/// reported with its line number; one bad row makes the whole file invalid.
/// </summary>
internal static class InventoryParser
{
    public static readonly string[] Required = ["hostname", "private_ip", "role", "cluster"];
    private static readonly string[] Roles = [InventoryRow.MariaDb, InventoryRow.ProxySql, InventoryRow.Collector];

    /// <param name="requireCollector">Rendering agent configs needs the collector row (where agents report); configuring ProxySQL does not.</param>
    public static (Inventory? Inventory, IReadOnlyList<string> Errors) Parse(string text, string fileName, bool requireCollector = true)
    {
        var errors = new List<string>();
        var rows = new List<InventoryRow>();
        Dictionary<string, int>? columns = null;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i];
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split('\t').Select(c => c.Trim()).ToArray();
            if (columns is null)
            {
                columns = Header(cells, number, fileName, errors);
                if (columns is null)
                {
                    return (null, errors);
                }

                continue;
            }

            if (cells.Length < columns.Values.Max() + 1)
            {
                errors.Add($"{fileName}:{number}: {cells.Length} column(s), the header has {columns.Count}: separate columns with one tab");
                continue;
            }

            if (Row(cells, columns, number, fileName, errors) is { } row)
            {
                rows.Add(row);
            }
        }

        if (columns is null)
        {
            errors.Add($"{fileName}: empty; the first line must be the header: {string.Join("\\t", Required)}");
            return (null, errors);
        }

        CheckWhole(rows, fileName, requireCollector, errors, out var warnings);
        return errors.Count == 0 ? (new Inventory(rows, warnings), errors) : (null, errors);
    }

    private static Dictionary<string, int>? Header(string[] cells, int number, string fileName, List<string> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < cells.Length; c++)
        {
            columns.TryAdd(cells[c].ToLowerInvariant(), c);
        }

        var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            errors.Add($"{fileName}:{number}: the header lacks {string.Join(", ", missing)}; it must name hostname, private_ip, role and cluster, tab-separated");
            return null;
        }

        return Required.ToDictionary(r => r, r => columns[r], StringComparer.Ordinal);
    }

    private static InventoryRow? Row(string[] cells, Dictionary<string, int> columns, int number, string fileName, List<string> errors)
    {
        var before = errors.Count;
        var host = cells[columns["hostname"]];
        var ipText = cells[columns["private_ip"]];
        var role = cells[columns["role"]].ToLowerInvariant();
        var cluster = cells[columns["cluster"]];
        if (!NameRules.IsValid(host))
        {
            errors.Add($"{fileName}:{number}: hostname '{host}' is invalid: {NameRules.Description}");
        }

        if (!IPAddress.TryParse(ipText, out var ip) || ipText.Count(ch => ch == '.') is not (0 or 3))
        {
            errors.Add($"{fileName}:{number}: private_ip '{ipText}' is not an IP address");
        }

        if (!Roles.Contains(role))
        {
            errors.Add($"{fileName}:{number}: role '{role}' must be one of {string.Join(", ", Roles)}");
        }
        else if (role == InventoryRow.Collector)
        {
            cluster = cluster is "-" ? string.Empty : cluster;
            if (cluster.Length > 0)
            {
                errors.Add($"{fileName}:{number}: the collector serves every cluster: leave its cluster empty or '-'");
            }
        }
        else if (!NameRules.IsValid(cluster))
        {
            errors.Add($"{fileName}:{number}: cluster '{cluster}' is invalid for a {role} row: {NameRules.Description}");
        }

        return errors.Count == before ? new InventoryRow(number, host, ip!, role, cluster) : null;
    }

    private static void CheckWhole(List<InventoryRow> rows, string fileName, bool requireCollector, List<string> errors, out List<string> warnings)
    {
        warnings = [];
        foreach (var dup in rows.GroupBy(r => (r.HostName, r.Role)).Where(g => g.Count() > 1))
        {
            errors.Add($"{fileName}:{dup.Last().Line}: {dup.Key.HostName} is listed as {dup.Key.Role} twice (first on line {dup.First().Line})");
        }

        foreach (var clash in rows.GroupBy(r => r.PrivateIp).Where(g => g.Select(r => r.HostName).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            errors.Add($"{fileName}:{clash.Last().Line}: private_ip {clash.Key} is used by {string.Join(" and ", clash.Select(r => r.HostName).Distinct(StringComparer.Ordinal))}");
        }

        foreach (var host in rows.GroupBy(r => r.HostName, StringComparer.Ordinal).Where(g => g.Select(r => r.PrivateIp).Distinct().Count() > 1))
        {
            errors.Add($"{fileName}:{host.Last().Line}: {host.Key} has two private IPs ({string.Join(", ", host.Select(r => r.PrivateIp).Distinct())})");
        }

        var collectors = rows.Where(r => r.Role == InventoryRow.Collector).ToList();
        if (collectors.Count > 1 || (collectors.Count == 0 && requireCollector))
        {
            errors.Add(collectors.Count == 0
                ? $"{fileName}: no collector row: add one (role collector) so agents know where to report"
                : $"{fileName}:{collectors[1].Line}: more than one collector row (lines {string.Join(", ", collectors.Select(c => c.Line))}); there is one collector");
        }

        foreach (var cluster in rows.Where(r => r.Role != InventoryRow.Collector).GroupBy(r => r.Cluster, StringComparer.Ordinal))
        {
            var nodes = cluster.Count(r => r.Role == InventoryRow.MariaDb);
            if (nodes == 0)
            {
                errors.Add($"{fileName}:{cluster.First().Line}: cluster {cluster.Key} has ProxySQL rows but no mariadb node");
            }
            else if (nodes < 3 || nodes % 2 == 0)
            {
                warnings.Add($"cluster {cluster.Key} has {nodes} MariaDB node(s): Galera keeps quorum through one failure only with an odd number, 3 or more");
            }
        }
    }
}
