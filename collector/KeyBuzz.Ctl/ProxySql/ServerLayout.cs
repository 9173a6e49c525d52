namespace KeyBuzz.Ctl.ProxySql;

/// <summary>
/// The mysql_servers rows to write (proxysql-lab.md §7). On a running system: the layout that mirrors
/// the converged runtime (writer ONLINE in the writer hostgroup, the others SHUNNED there and ONLINE in
/// the backup-writer hostgroup), so a LOAD never shows two ONLINE writers. A writer that is not the
/// highest-weight node gets the top weight + 100: ProxySQL then does not fail back on its own.
/// </summary>
internal static class ServerLayout
{
    public static IReadOnlyList<ServerRow> Fresh(ProxySqlSettings s) =>
        [.. s.Backends.Select((b, i) => new ServerRow(i == 0 ? s.WriterHostgroup : s.BackupWriterHostgroup, b.Host, b.Port, "ONLINE", AdminSqlRenderer.Weight(i), s.MaxConnectionsPerBackend, 0, Comment(b.Name, i)))];

    /// <param name="pinWriter">False (--allow-failback): the writer keeps its configured weight, so ProxySQL fails back to a returning higher-weight node.</param>
    public static IReadOnlyList<ServerRow> Mirrored(ProxySqlSettings s, string writerEndpoint, bool pinWriter = true)
    {
        var weights = s.Backends.Select((b, i) => (Backend: b, Index: i, Weight: AdminSqlRenderer.Weight(i))).ToList();
        var top = weights.Max(w => w.Weight);
        var rows = new List<ServerRow>();
        foreach (var (b, i, weight) in weights)
        {
            var isWriter = $"{b.Host}:{b.Port}" == writerEndpoint;
            var writerWeight = pinWriter && isWriter && weight < top ? top + 100 : weight;
            rows.Add(new ServerRow(s.WriterHostgroup, b.Host, b.Port, isWriter ? "ONLINE" : "SHUNNED", writerWeight, s.MaxConnectionsPerBackend, 0, Comment(b.Name, i)));
            if (!isWriter)
            {
                rows.Add(new ServerRow(s.BackupWriterHostgroup, b.Host, b.Port, "ONLINE", weight, s.MaxConnectionsPerBackend, 0, Comment(b.Name, i)));
            }
        }

        return [.. rows.OrderBy(r => r.Hostgroup).ThenBy(r => r.Host, StringComparer.Ordinal).ThenBy(r => r.Port)];
    }

    private static string Comment(string name, int index) => index == 0 ? $"{name} preferred writer" : $"{name} standby {index}";
}
