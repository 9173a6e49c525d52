namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>
/// What `kbctl proxysql apply` last applied to a cluster's proxies, without secrets: the watched
/// global variables and the Galera hostgroups row (column → value), what drift is measured against.
/// </summary>
public sealed record DesiredProxyConfig(IReadOnlyDictionary<string, string> Variables, IReadOnlyDictionary<string, string> Hostgroups, DateTimeOffset AppliedAt)
{
    /// <summary>Differences on one proxy, "name: live -> desired"; settings the proxy does not report are not compared.</summary>
    public IReadOnlyList<string> Drift(ProxySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var drift = new List<string>();
        foreach (var (name, value) in Variables)
        {
            if (snapshot.Variables is { } live && live.TryGetValue(name, out var actual) && actual != value)
            {
                drift.Add($"{name}: {actual} -> {value}");
            }
        }

        var row = snapshot.Hostgroups.Count == 1 ? snapshot.Hostgroups[0] : null;
        if (Hostgroups.Count > 0 && row is null)
        {
            drift.Add($"runtime_mysql_galera_hostgroups has {snapshot.Hostgroups.Count} rows, 1 applied");
        }
        else if (row is not null)
        {
            var live = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["writer_hostgroup"] = N(row.Writer), ["backup_writer_hostgroup"] = N(row.BackupWriter), ["reader_hostgroup"] = N(row.Reader),
                ["offline_hostgroup"] = N(row.Offline), ["active"] = row.Active ? "1" : "0", ["max_writers"] = N(row.MaxWriters),
                ["writer_is_also_reader"] = N(row.WriterIsAlsoReader), ["max_transactions_behind"] = N(row.MaxTransactionsBehind),
            };
            drift.AddRange(Hostgroups.Where(h => live.TryGetValue(h.Key, out var v) && v != h.Value).Select(h => $"galera hostgroups {h.Key}: {live[h.Key]} -> {h.Value}"));
        }

        return drift;
    }

    private static string N(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
