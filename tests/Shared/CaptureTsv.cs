using System.Text;

namespace KeyBuzz.Tests.Shared;

/// <summary>
/// Real ProxySQL 2.7.2 admin output (mariadb --batch TSV, see Fixtures/proxysql-captures/QUERIES.md):
/// header row, NULL for null, \t \n \\ escaped, and an empty result set is a 0-byte file.
/// Linked into the test projects that replay the captures.
/// </summary>
internal static class CaptureTsv
{
    public static string Directory(string state) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "proxysql-captures", state);

    public static IReadOnlyList<IReadOnlyDictionary<string, string?>> Rows(string state, string table)
    {
        var path = Path.Combine(Directory(state), table + ".tsv");
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            return [];
        }

        var header = lines[0].Split('\t');
        return lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var cells = line.Split('\t');
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = i < cells.Length && cells[i] != "NULL" ? Unescape(cells[i]) : null;
            }

            return (IReadOnlyDictionary<string, string?>)row;
        }).ToList();
    }

    private static string Unescape(string cell)
    {
        if (!cell.Contains('\\', StringComparison.Ordinal))
        {
            return cell;
        }

        var text = new StringBuilder(cell.Length);
        for (var i = 0; i < cell.Length; i++)
        {
            if (cell[i] == '\\' && i + 1 < cell.Length)
            {
                i++;
                text.Append(cell[i] switch { 't' => '\t', 'n' => '\n', '0' => '\0', _ => cell[i] });
            }
            else
            {
                text.Append(cell[i]);
            }
        }

        return text.ToString();
    }
}
