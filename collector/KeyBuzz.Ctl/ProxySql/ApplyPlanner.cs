using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KeyBuzz.Ctl.ProxySql;

/// <summary>
/// Desired config against one ProxySQL's runtime tables: only the modules that differ are written,
/// loaded and saved (a second apply changes nothing). Used again after the LOADs to prove that
/// ProxySQL really runs what it was sent (its admin answers rc 0 even when it ignores a value).
/// </summary>
internal static class ApplyPlanner
{
    public const string Servers = "MYSQL SERVERS";
    public const string Users = "MYSQL USERS";
    public const string MysqlVariables = "MYSQL VARIABLES";
    public const string AdminVariables = "ADMIN VARIABLES";
    public const string ProxySqlServers = "PROXYSQL SERVERS";

    /// <param name="writer">The writer to keep or make (host:port): the one every proxy agrees on, or the switchover target; null: the current runtime writer, else the preferred node.</param>
    /// <param name="allowFailback">Keep configured weights even when the writer is not the preferred node (ProxySQL then fails back by itself).</param>
    /// <param name="switchover">A planned writer change: the target is always pinned.</param>
    /// <remarks>Variables come first: the monitor's credentials and sync algorithm 2 must be live before any server is loaded.</remarks>
    public static IReadOnlyList<ModuleChange> Plan(ProxySqlSettings s, AdminState runtime, string? writer = null, bool allowFailback = false, bool switchover = false)
    {
        var changes = new List<ModuleChange>();
        foreach (var (module, prefix) in new[] { (MysqlVariables, "mysql-"), (AdminVariables, "admin-") })
        {
            var wrong = DesiredVariables(s, runtime).Where(v => v.Name.StartsWith(prefix, StringComparison.Ordinal) &&
                (!runtime.Variables.TryGetValue(v.Name, out var live) || live != v.Value)).ToList();
            if (wrong.Count > 0)
            {
                changes.Add(new ModuleChange(module,
                    [.. wrong.Select(v => $"{v.Name}: {(runtime.Variables.TryGetValue(v.Name, out var live) ? Shown(v.Name, live) : "(missing)")} -> {Shown(v.Name, v.Value)}")],
                    [.. wrong.Select(v => $"UPDATE global_variables SET variable_value = {Q(v.Value)} WHERE variable_name = {Q(v.Name)}")]));
            }
        }

        var userDiff = UserDifferences(s, runtime.Users);
        if (userDiff.Count > 0)
        {
            changes.Add(new ModuleChange(Users, userDiff, [.. s.AppUsers.SelectMany(u => new[]
            {
                $"DELETE FROM mysql_users WHERE username = {Q(u.User)}",
                F($"INSERT INTO mysql_users (username, password, default_hostgroup, transaction_persistent, active) VALUES ({Q(u.User)}, {Q(u.Password)}, {s.WriterHostgroup}, 1, 1)"),
            })]));
        }

        var target = writer ?? runtime.Writer(s.WriterHostgroup);
        var desiredServers = target is null ? ServerLayout.Fresh(s) : ServerLayout.Mirrored(s, target, pinWriter: switchover || !allowFailback);
        // A backend in the offline hostgroup or SHUNNED (down, desynced, not Primary) is placed by ProxySQL's monitor
        // whatever is written for it: its rows are written, but neither compared nor verified.
        var offline = Offline(s, runtime);
        var serverDiff = ServerDifferences([.. desiredServers.Where(r => !offline.Contains(r.Endpoint))], [.. runtime.Servers.Where(r => !offline.Contains(r.Endpoint))]);
        var hostgroupDiff = HostgroupDifferences(s, runtime.Hostgroups);
        if (serverDiff.Count + hostgroupDiff.Count > 0)
        {
            changes.Add(new ModuleChange(Servers, [.. hostgroupDiff, .. serverDiff],
            [
                "DELETE FROM mysql_servers",
                "INSERT INTO mysql_servers (hostgroup_id, hostname, port, status, weight, max_connections, max_latency_ms, comment) VALUES " +
                    string.Join(", ", desiredServers.Select(r => F($"({r.Hostgroup}, {Q(r.Host)}, {r.Port}, {Q(r.Status)}, {r.Weight}, {r.MaxConnections}, {r.MaxLatencyMs}, {Q(r.Comment)})"))),
                "DELETE FROM mysql_galera_hostgroups",
                F($"INSERT INTO mysql_galera_hostgroups (writer_hostgroup, backup_writer_hostgroup, reader_hostgroup, offline_hostgroup, active, max_writers, writer_is_also_reader, max_transactions_behind, comment) VALUES ({s.WriterHostgroup}, {s.BackupWriterHostgroup}, {s.ReaderHostgroup}, {s.OfflineHostgroup}, 1, 1, 0, {s.MaxTransactionsBehind}, 'single writer, no read/write split')"),
            ]));
        }


        var proxies = s.Proxies.Select(p => $"{p.Host}:6032").Order(StringComparer.Ordinal).ToList();
        if (!proxies.SequenceEqual(runtime.ProxySqlServers.Order(StringComparer.Ordinal)))
        {
            changes.Add(new ModuleChange(ProxySqlServers, [$"ProxySQL Cluster peers: {string.Join(", ", runtime.ProxySqlServers.DefaultIfEmpty("none"))} -> {string.Join(", ", proxies)}"],
            [
                "DELETE FROM proxysql_servers",
                "INSERT INTO proxysql_servers (hostname, port, weight, comment) VALUES " + string.Join(", ", s.Proxies.Select(p => $"({Q(p.Host)}, 6032, 0, {Q(p.Name)})")),
            ]));
        }

        return changes;
    }

    /// <summary>
    /// Backends ProxySQL's monitor holds unavailable now: in the offline hostgroup, or SHUNNED outside the
    /// writer hostgroup (right after a LOAD a down node shows as SHUNNED in the backup-writer hostgroup until
    /// the monitor moves it to the offline one). We write SHUNNED only in the writer hostgroup (standbys), so
    /// SHUNNED elsewhere is always ProxySQL's verdict.
    /// </summary>
    public static IReadOnlySet<string> Offline(ProxySqlSettings s, AdminState runtime) =>
        runtime.Servers.Where(r => r.Hostgroup == s.OfflineHostgroup || (r.Status == "SHUNNED" && r.Hostgroup != s.WriterHostgroup))
            .Select(r => r.Endpoint).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The variables to hold on this proxy. admin-admin_credentials keeps every other user it lists
    /// (e.g. the agents' radmin, the local admin) and only sets ours, so apply never locks anyone out.
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> DesiredVariables(ProxySqlSettings s, AdminState runtime) =>
        [.. AdminSqlRenderer.Variables(s).Select(v => v.Name == "admin-admin_credentials" && runtime.Variables.TryGetValue(v.Name, out var live)
            ? (v.Name, MergeCredentials(live, v.Value))
            : v)];

    /// <summary>Entries of <paramref name="ours"/> replace same-user entries of <paramref name="live"/> in place; new ones are appended.</summary>
    public static string MergeCredentials(string live, string ours)
    {
        static string User(string entry) => entry.Split(':', 2)[0];
        var wanted = ours.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var merged = live.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => wanted.FirstOrDefault(w => User(w) == User(e)) ?? e).ToList();
        merged.AddRange(wanted.Where(w => !merged.Any(m => User(m) == User(w))));
        return string.Join(';', merged);
    }

    /// <summary>mysql_native_password hash as ProxySQL shows stored passwords: '*' + hex(SHA1(SHA1(password))).</summary>
    public static string NativeHash(string password) =>
        "*" + Convert.ToHexString(SHA1.HashData(SHA1.HashData(Encoding.UTF8.GetBytes(password))));

    private static List<string> ServerDifferences(IReadOnlyList<ServerRow> desired, IReadOnlyList<ServerRow> runtime)
    {
        var want = desired.Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal);
        var have = runtime.Select(r => r.ToString()).ToHashSet(StringComparer.Ordinal);
        return [.. have.Where(r => !want.Contains(r)).Order(StringComparer.Ordinal).Select(r => $"runtime has {r}"),
                .. want.Where(r => !have.Contains(r)).Order(StringComparer.Ordinal).Select(r => $"wanted {r}")];
    }

    private static List<string> HostgroupDifferences(ProxySqlSettings s, IReadOnlyList<IReadOnlyDictionary<string, string?>> rows)
    {
        var want = AdminSqlRenderer.Hostgroups(s).ToDictionary(h => h.Column, h => h.Value, StringComparer.Ordinal);
        if (rows.Count != 1)
        {
            return [$"mysql_galera_hostgroups has {rows.Count} rows, wanted 1"];
        }

        return [.. want.Where(w => !rows[0].TryGetValue(w.Key, out var v) || v != w.Value).Select(w => $"galera hostgroups {w.Key}: {(rows[0].TryGetValue(w.Key, out var v) ? v : "(missing)")} -> {w.Value}")];
    }

    private static List<string> UserDifferences(ProxySqlSettings s, IReadOnlyList<IReadOnlyDictionary<string, string?>> rows)
    {
        var differences = new List<string>();
        foreach (var (user, password) in s.AppUsers)
        {
            var row = rows.FirstOrDefault(r => r.TryGetValue("username", out var u) && u == user);
            if (row is null)
            {
                differences.Add($"user {user} missing");
                continue;
            }

            string? V(string column) => row.TryGetValue(column, out var v) ? v : null;
            if (V("default_hostgroup") != N(s.WriterHostgroup) || V("transaction_persistent") != "1" || V("active") != "1")
            {
                differences.Add($"user {user}: default_hostgroup {V("default_hostgroup")}, transaction_persistent {V("transaction_persistent")}, active {V("active")} -> {s.WriterHostgroup}, 1, 1");
            }

            var stored = V("password") ?? string.Empty;
            if (stored != password && stored != NativeHash(password))
            {
                differences.Add($"user {user}: password differs");
            }
        }

        return differences;
    }

    private static string Shown(string name, string value) =>
        name.EndsWith("password", StringComparison.Ordinal) || name.EndsWith("credentials", StringComparison.Ordinal) ? "(secret)" : $"'{value}'";


    private static string Q(string value) => AdminSqlRenderer.Q(value);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
