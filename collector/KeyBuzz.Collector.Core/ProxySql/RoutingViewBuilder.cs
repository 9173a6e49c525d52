using System.Globalization;

namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>Builds a ProxySQL node's routing view from its runtime servers, Galera hostgroups, pool and check log (pure).</summary>
public static class RoutingViewBuilder
{
    private static readonly GaleraHostgroups Defaults = new(10, 20, 30, 9999, true, 1, 0, 0);

    public static RoutingView Build(ProxySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var active = snapshot.Hostgroups.FirstOrDefault(h => h.Active);
        var hg = active ?? Defaults;
        var latest = snapshot.GaleraLog.GroupBy(c => c.Endpoint, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.TimeStartUs), StringComparer.Ordinal);
        var onlineWriters = snapshot.Servers.Where(s => s.Hostgroup == hg.Writer && s.IsOnline).Select(s => s.Endpoint).Distinct(StringComparer.Ordinal).ToList();
        var backends = new List<BackendRoute>();
        foreach (var rows in snapshot.Servers.GroupBy(s => s.Endpoint, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var online = rows.Where(s => s.IsOnline).Select(s => s.Hostgroup).ToHashSet();
            var role = online.Contains(hg.Writer) ? BackendRoute.Writer
                : online.Contains(hg.BackupWriter) ? BackendRoute.Backup
                : online.Contains(hg.Reader) ? BackendRoute.Reader
                : BackendRoute.Offline;
            var shown = rows.FirstOrDefault(s => role switch
            {
                BackendRoute.Writer => s.Hostgroup == hg.Writer,
                BackendRoute.Backup => s.Hostgroup == hg.BackupWriter,
                BackendRoute.Reader => s.Hostgroup == hg.Reader,
                _ => s.Hostgroup == hg.Offline,
            }) ?? rows.First();
            backends.Add(new BackendRoute(rows.Key, role, shown.Status, shown.Weight, CheckExplainer.Explain(latest.GetValueOrDefault(rows.Key))));
        }

        // A replaced writer stays in the writer hostgroup as SHUNNED so its connections drain; only
        // writers listed in runtime_mysql_servers count (the pool table keeps stale rows).
        var shunned = snapshot.Servers.Where(s => s.Hostgroup == hg.Writer && s.Status == "SHUNNED").Select(s => s.Endpoint).ToHashSet(StringComparer.Ordinal);
        var sessions = snapshot.Pool.Where(p => p.Hostgroup == hg.Writer && p.ConnUsed > 0 && shunned.Contains(p.Endpoint)).ToList();
        var checks = latest.Values.OfType<GaleraCheck>().ToList();
        var loginError = checks.Count > 0 && checks.All(c => c.Error?.Contains("Access denied", StringComparison.OrdinalIgnoreCase) == true) ? checks[0].Error : null;
        return new RoutingView(hg.Writer, onlineWriters.Count == 1 ? onlineWriters[0] : null, onlineWriters, backends, sessions, loginError, Problems(hg, active is null, onlineWriters, sessions, loginError));
    }

    private static List<string> Problems(GaleraHostgroups hg, bool unmanaged, List<string> onlineWriters, List<PoolEntry> sessions, string? loginError)
    {
        var problems = new List<string>();
        if (unmanaged)
        {
            problems.Add("no active mysql_galera_hostgroups row: ProxySQL's Galera monitor does not manage the writer (a dead writer stays ONLINE); run `kbctl proxysql apply`");
        }

        if (onlineWriters.Count == 0)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"no ONLINE writer in hostgroup {hg.Writer}: writes fail"));
        }
        else if (onlineWriters.Count > 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{onlineWriters.Count} ONLINE writers in hostgroup {hg.Writer} ({string.Join(", ", onlineWriters)}): writes go to several nodes"));
        }

        foreach (var pool in sessions)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{pool.ConnUsed} session(s) still use the old writer {pool.Endpoint} (SHUNNED): they keep writing there until they end"));
        }

        if (loginError is not null)
        {
            problems.Add("the monitor user cannot log in to any node (Access denied): ProxySQL takes every node offline; check mysql-monitor_username/password and the user's grants");
        }

        return problems;
    }
}
