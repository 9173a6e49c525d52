using MySqlConnector;

namespace KeyBuzz.Ctl.ProxySql;

/// <summary>
/// Applies the planned changes to one ProxySQL: per changed module its statements, LOAD … TO RUNTIME,
/// then a read-back of the runtime tables until they match and stay matched for one Galera check
/// (ProxySQL answers rc 0 even when it ignores a value), and only then SAVE … TO DISK. Stops at the
/// first failure, saying what, where, and in which state the proxy was left.
/// </summary>
internal static class ApplyRunner
{
    public static IReadOnlyList<ModuleChange> Plan(ProxySqlSettings s, AdminState runtime, ApplyTarget target) =>
        [.. ApplyPlanner.Plan(s, runtime, target.Writer, target.AllowFailback, target.Switchover).Where(c => !target.Switchover || c.Module == ApplyPlanner.Servers)];

    /// <summary>Why this proxy's servers cannot be rewritten safely now; null when they can.</summary>
    public static string? Refusal(string proxy, ProxySqlSettings s, AdminState runtime, ApplyTarget target)
    {
        var known = s.Backends.Select(b => $"{b.Host}:{b.Port}").ToHashSet(StringComparer.Ordinal);
        var online = runtime.Servers.Where(r => r.Hostgroup == s.WriterHostgroup && r.Status == "ONLINE").Select(r => r.Endpoint).ToList();
        // No writer (e.g. a wrong monitor password took every node offline) is what apply repairs: variables
        // load first, then the servers; several writers are a moment apply must not freeze into the config.
        if (online.Count > 1 && !target.Switchover)
        {
            return $"{proxy} has {online.Count} ONLINE writers in hostgroup {s.WriterHostgroup} now: nothing written. Try again once it has one (kbctl status), or name the writer with switchover";
        }

        if (online.Count == 1 && !known.Contains(online[0]))
        {
            return $"{proxy}'s writer {online[0]} is not a mariadb node of the inventory: fix servers.tsv first";
        }

        // Only a writer the operator names is refused for being unavailable: the one the proxies agree on is
        // written as they run it, and ProxySQL's monitor keeps deciding whether it can take writes.
        if (target.Switchover && target.Writer is { } wanted && ApplyPlanner.Offline(s, runtime).Contains(wanted))
        {
            return $"{wanted} is in the offline hostgroup {s.OfflineHostgroup} or SHUNNED on {proxy} (down, desynced or not Primary): it cannot be the writer now";
        }

        if (target.Switchover)
        {
            if (!runtime.Servers.Any(r => r.Endpoint == target.Writer && r.Status == "ONLINE" && (r.Hostgroup == s.BackupWriterHostgroup || r.Hostgroup == s.WriterHostgroup)))
            {
                return $"{target.Writer} is not ONLINE in hostgroup {s.BackupWriterHostgroup} or {s.WriterHostgroup} on {proxy}: ProxySQL's monitor does not consider it a healthy writer, so no switchover to it";
            }

            if (!runtime.Variables.TryGetValue("admin-cluster_mysql_servers_sync_algorithm", out var algorithm) || algorithm != "2")
            {
                return $"{proxy} runs admin-cluster_mysql_servers_sync_algorithm={algorithm ?? "?"}: with a peer importing its runtime a switchover can leave several writers (proxysql-lab.md §4.3); run `kbctl proxysql apply` first";
            }
        }

        return null;
    }

    public static IReadOnlyList<string> Describe(string proxy, IReadOnlyList<ModuleChange> plan) => plan.Count == 0
        ? [$"{proxy}: runtime already matches: nothing to do"]
        : [.. plan.SelectMany(c => new[] { $"{proxy}: {c.Module}: {c.Differences.Count} difference(s)" }.Concat(c.Differences.Select(d => $"    {d}")))];

    /// <summary>What apply cannot verify on this proxy now, in words (empty when everything can be).</summary>
    public static IReadOnlyList<string> Unverified(string proxy, ProxySqlSettings s, AdminState runtime) =>
        [.. ApplyPlanner.Offline(s, runtime).Order(StringComparer.Ordinal).Select(e =>
            $"{proxy}: {e} is in the offline hostgroup {s.OfflineHostgroup} or SHUNNED (down, desynced or not Primary): written as a standby, ProxySQL's monitor places it when it is back (not verified)")];

    /// <summary>Runs the plan; never throws: a failure comes back with the state the proxy was left in.</summary>
    public static async Task<(IReadOnlyList<string> Lines, string? Error)> ExecuteAsync(AdminSession proxy, ProxySqlSettings s, IReadOnlyList<ModuleChange> plan, ApplyTarget target, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var change in plan)
        {
            var loaded = false;
            try
            {
                foreach (var statement in change.Statements)
                {
                    await proxy.ExecuteAsync(statement, cancellationToken);
                }

                await proxy.ExecuteAsync($"LOAD {change.Module} TO RUNTIME", cancellationToken);
                loaded = true;
                var remaining = await ConvergeAsync(proxy, s, change.Module, target, cancellationToken);
                if (remaining.Count > 0)
                {
                    return (lines, $"{proxy.Name}: after LOAD {change.Module} TO RUNTIME (rc 0) the runtime still differs, so ProxySQL dropped or reset values: {string.Join("; ", remaining)}. " +
                        $"The runtime runs what ProxySQL kept; nothing was saved to disk for this module, so a restart of {proxy.Name} returns to the saved config. Fix the cause and apply again.");
                }

                await proxy.ExecuteAsync($"SAVE {change.Module} TO DISK", cancellationToken);
                lines.Add($"{proxy.Name}: {change.Module} loaded, read back from runtime, saved to disk");
            }
            catch (Exception ex) when (ex is AdminException or MySqlException or InvalidOperationException or IOException or TimeoutException or OperationCanceledException)
            {
                var why = ex is OperationCanceledException ? $"{proxy.Name}: interrupted during {change.Module}" : ex.Message;
                return (lines, why + " " + (loaded ? $"{change.Module} was loaded to runtime but not saved to disk." : await RestoreAsync(proxy, change.Module)));
            }
        }

        return (lines, null);
    }

    /// <summary>Statements ran but no LOAD: put the module's in-memory tables back to what is saved, so a later LOAD cannot load half of it.</summary>
    private static async Task<string> RestoreAsync(AdminSession proxy, string module)
    {
        try
        {
            await proxy.ExecuteAsync($"LOAD {module} FROM DISK", CancellationToken.None);
            return $"Its runtime was not changed for {module}; the in-memory tables were restored from disk (LOAD {module} FROM DISK).";
        }
        catch (Exception ex) when (ex is AdminException or MySqlException or InvalidOperationException or IOException)
        {
            return $"Its runtime was not changed for {module}, but its in-memory tables may be half-written and could not be restored ({ex.Message}): run `LOAD {module} FROM DISK` on {proxy.Name} before any LOAD {module} TO RUNTIME.";
        }
    }

    /// <summary>
    /// The writer the runtime must show after the LOAD. With --allow-failback the weights are the configured
    /// ones, so ProxySQL may move the writer to a returning higher-weight node during the LOAD itself: any
    /// writer it picks is then accepted (the layout around it is still compared in full).
    /// </summary>
    private static string? ExpectedWriter(ApplyTarget target) => target.AllowFailback && !target.Switchover ? null : target.Writer;

    /// <summary>
    /// Differences of one module still present after its LOAD, polled while the Galera monitor settles
    /// the servers; a match must hold for one Galera check, so it proves the monitor accepted it.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ConvergeAsync(AdminSession proxy, ProxySqlSettings s, string module, ApplyTarget target, CancellationToken cancellationToken)
    {
        var check = TimeSpan.FromMilliseconds(s.GaleraCheckIntervalMs + 500);
        var deadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(Math.Max(10_000, (3 * s.GaleraCheckIntervalMs) + s.PingIntervalMs));
        DateTime? matchedSince = null;
        while (true)
        {
            var left = ApplyPlanner.Plan(s, await proxy.ReadAsync(cancellationToken), ExpectedWriter(target), target.AllowFailback, target.Switchover).FirstOrDefault(c => c.Module == module);
            if (left is null)
            {
                matchedSince ??= DateTime.UtcNow;
                if (module != ApplyPlanner.Servers || DateTime.UtcNow - matchedSince >= check)
                {
                    return [];
                }
            }
            else
            {
                matchedSince = null;
                if (DateTime.UtcNow > deadline)
                {
                    return left.Differences;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
