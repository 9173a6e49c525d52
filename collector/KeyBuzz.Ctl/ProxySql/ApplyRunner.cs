namespace KeyBuzz.Ctl.ProxySql;

/// <summary>
/// Applies the planned changes to one ProxySQL: per changed module its statements, LOAD … TO RUNTIME,
/// then a read-back of the runtime tables until they match (ProxySQL answers rc 0 even when it ignores
/// a value), and only then SAVE … TO DISK. Stops at the first failure, saying what and where.
/// </summary>
internal static class ApplyRunner
{
    private static readonly TimeSpan ConvergeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The report lines of this proxy; throws AdminException on the first failure.</summary>
    public static async Task<IReadOnlyList<string>> ApplyAsync(AdminSession proxy, ProxySqlSettings settings, string? writer, bool serversOnly, bool dryRun, bool allowFailback, CancellationToken cancellationToken)
    {
        var report = new List<string>();
        var runtime = await proxy.ReadAsync(cancellationToken);
        if (!dryRun && Refusal(proxy.Name, settings, runtime, writer) is { } refusal)
        {
            throw new AdminException(refusal);
        }

        var plan = Filter(ApplyPlanner.Plan(settings, runtime, writer, allowFailback), serversOnly);
        if (plan.Count == 0)
        {
            report.Add($"{proxy.Name}: runtime already matches: nothing to do");
            return report;
        }

        foreach (var change in plan)
        {
            report.Add($"{proxy.Name}: {change.Module}: {change.Differences.Count} difference(s)");
            report.AddRange(change.Differences.Select(d => $"    {d}"));
        }

        if (dryRun)
        {
            return report;
        }

        foreach (var change in plan)
        {
            foreach (var statement in change.Statements)
            {
                await proxy.ExecuteAsync(statement, cancellationToken);
            }

            await proxy.ExecuteAsync($"LOAD {change.Module} TO RUNTIME", cancellationToken);
            var remaining = await ConvergeAsync(proxy, settings, writer, change.Module, allowFailback, cancellationToken);
            if (remaining.Count > 0)
            {
                throw new AdminException($"{proxy.Name}: after LOAD {change.Module} TO RUNTIME (rc 0) the runtime still differs, so ProxySQL dropped or reset values; nothing was saved to disk for this module: {string.Join("; ", remaining)}");
            }

            await proxy.ExecuteAsync($"SAVE {change.Module} TO DISK", cancellationToken);
            report.Add($"{proxy.Name}: {change.Module} loaded, read back from runtime, saved to disk");
        }

        return report;
    }

    /// <summary>Differences of one module still present after its LOAD, polled while the Galera monitor settles the servers.</summary>
    private static async Task<IReadOnlyList<string>> ConvergeAsync(AdminSession proxy, ProxySqlSettings settings, string? writer, string module, bool allowFailback, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ConvergeTimeout;
        while (true)
        {
            var left = ApplyPlanner.Plan(settings, await proxy.ReadAsync(cancellationToken), writer, allowFailback).FirstOrDefault(c => c.Module == module);
            if (left is null)
            {
                return [];
            }

            if (DateTime.UtcNow > deadline)
            {
                return left.Differences;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>Why this proxy's servers cannot be rewritten safely now (the layout is derived from a single, known, live writer).</summary>
    private static string? Refusal(string proxy, ProxySqlSettings s, AdminState runtime, string? writer)
    {
        var known = s.Backends.Select(b => $"{b.Host}:{b.Port}").ToHashSet(StringComparer.Ordinal);
        var online = runtime.Servers.Where(r => r.Hostgroup == s.WriterHostgroup && r.Status == "ONLINE").Select(r => r.Endpoint).ToList();
        if (runtime.Servers.Count > 0 && online.Count != 1 && writer is null)
        {
            return $"{proxy} has {online.Count} ONLINE writers in hostgroup {s.WriterHostgroup} now: nothing written. Try again once it has one (kbctl status), or name the writer with switchover";
        }

        if (online.Count == 1 && !known.Contains(online[0]))
        {
            return $"{proxy}'s writer {online[0]} is not a mariadb node of the inventory: fix servers.tsv first";
        }

        var offline = runtime.Servers.Where(r => r.Hostgroup == s.OfflineHostgroup).Select(r => r.Endpoint).Distinct().ToList();
        if (offline.Count > 0)
        {
            return $"{proxy} has {string.Join(", ", offline)} in the offline hostgroup {s.OfflineHostgroup} (down, desynced or not Primary): apply once every backend is back, so the result can be verified";
        }

        if (writer is not null && !runtime.Servers.Any(r => r.Endpoint == writer && r.Status == "ONLINE" && (r.Hostgroup == s.BackupWriterHostgroup || r.Hostgroup == s.WriterHostgroup)))
        {
            return $"{writer} is not ONLINE in hostgroup {s.BackupWriterHostgroup} or {s.WriterHostgroup} on {proxy}: ProxySQL's monitor does not consider it a healthy writer, so no switchover to it";
        }

        return null;
    }

    private static List<ModuleChange> Filter(IReadOnlyList<ModuleChange> plan, bool serversOnly) =>
        [.. plan.Where(c => !serversOnly || c.Module == ApplyPlanner.Servers)];
}
