using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.ProxySql;

namespace KeyBuzz.Ctl.Commands;

/// <summary>
/// `proxysql apply` and `proxysql switchover`: straight to the admin interface of every ProxySQL node
/// of the cluster (port 6032, user --admin-user), all in parallel so the proxies never run different
/// layouts for longer than the statements take.
/// </summary>
internal static class ProxySqlApplyCommand
{
    public static async Task<int> RunAsync(ProxySqlSettings settings, string? switchTo, bool dryRun, bool allowFailback, TimeSpan drain, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string? writer = null;
        if (switchTo is not null)
        {
            var node = settings.Backends.FirstOrDefault(b => b.Name == switchTo || b.Host == switchTo);
            writer = node.Name is null ? throw new UsageException($"switchover {switchTo}: not a mariadb node of cluster {settings.Cluster} ({string.Join(", ", settings.Backends.Select(b => b.Name))})") : $"{node.Host}:{node.Port}";
        }

        var sessions = settings.Proxies.Select(p => new AdminSession(p.Name, p.Host, 6032, settings.AdminUser, settings.AdminPassword)).ToList();
        try
        {
            var before = await Task.WhenAll(sessions.Select(s => s.ReadAsync(cancellationToken)));
            var writers = before.Select(b => b.Writer(settings.WriterHostgroup)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (writers.Count > 1 && switchTo is null && !dryRun)
            {
                // Each proxy would pin its own writer: two writers for good.
                await error.WriteLineAsync($"kbctl: the ProxySQL nodes disagree on the writer now ({string.Join(", ", sessions.Zip(before, (s, b) => $"{s.Name} -> {b.Writer(settings.WriterHostgroup) ?? "none"}"))}): nothing written. Try again in a few seconds, or choose one with `kbctl proxysql switchover NODE`.");
                return ExitCodes.Failed;
            }

            var results = await Task.WhenAll(sessions.Select(async s =>
            {
                try
                {
                    return (s.Name, Lines: await ApplyRunner.ApplyAsync(s, settings, writer, serversOnly: switchTo is not null, dryRun, allowFailback, cancellationToken), Error: (string?)null);
                }
                catch (AdminException ex)
                {
                    return (s.Name, Lines: (IReadOnlyList<string>)[], Error: ex.Message);
                }
            }));
            foreach (var (_, lines, failure) in results)
            {
                foreach (var line in lines)
                {
                    await output.WriteLineAsync(line);
                }

                if (failure is not null)
                {
                    await error.WriteLineAsync($"kbctl: {failure}");
                }
            }

            if (results.Any(r => r.Error is not null))
            {
                return ExitCodes.Failed;
            }

            if (switchTo is not null && !dryRun)
            {
                var old = before.Select(b => b.Writer(settings.WriterHostgroup)).FirstOrDefault(w => w is not null && w != writer);
                return await DrainAsync(sessions, settings.WriterHostgroup, old, drain, output, cancellationToken);
            }

            await output.WriteLineAsync(dryRun ? "Dry run: nothing was changed." : $"Applied to {sessions.Count} ProxySQL node(s); a second apply changes nothing.");
            return ExitCodes.Ok;
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
    }

    /// <summary>After a switchover: wait until no session uses the old writer (ConnUsed 0 on every proxy) or the timeout, and say what is left.</summary>
    private static async Task<int> DrainAsync(IReadOnlyList<AdminSession> sessions, int writerHostgroup, string? old, TimeSpan timeout, TextWriter output, CancellationToken cancellationToken)
    {
        if (old is null)
        {
            await output.WriteLineAsync("Switchover done; there was no other writer to drain.");
            return ExitCodes.Ok;
        }

        var deadline = DateTime.UtcNow + timeout;
        long used;
        while ((used = (await Task.WhenAll(sessions.Select(s => s.ConnectionsUsedAsync(writerHostgroup, old, cancellationToken)))).Sum()) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        if (used == 0)
        {
            await output.WriteLineAsync($"Switchover done; the old writer {old} is drained (no session uses it).");
            return ExitCodes.Ok;
        }

        await output.WriteLineAsync($"Switchover done, but {used} session(s) still use the old writer {old} after {timeout.TotalSeconds:0} s: they are pinned (open transaction, user variables, locks) and keep writing there. Kill them on the proxies (stats_mysql_processlist, KILL CONNECTION) or wait, then check kbctl alerts (ProxySQLSessionsOnShunnedWriter).");
        return ExitCodes.Failed;
    }
}
