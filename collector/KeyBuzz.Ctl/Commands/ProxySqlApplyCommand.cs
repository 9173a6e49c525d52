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
            // 1. Read every proxy; write to none unless every one can be written (they must never end up different).
            var reads = await Task.WhenAll(sessions.Select(s => TryReadAsync(s, cancellationToken)));
            var unreadable = reads.Where(r => r.Error is not null).ToList();
            if (unreadable.Count > 0)
            {
                foreach (var (_, why) in unreadable)
                {
                    await error.WriteLineAsync($"kbctl: {why}");
                }

                await error.WriteLineAsync("kbctl: nothing written: apply keeps every ProxySQL node of the cluster identical. If a proxy is gone for good, leave its row out of servers.tsv for this run, and apply again before it takes traffic when it returns.");
                return ExitCodes.Failed;
            }

            var before = reads.Select(r => r.State!).ToList();
            var writers = before.Select(b => b.Writer(settings.WriterHostgroup)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (writers.Count > 1 && writer is null)
            {
                // Each proxy would pin its own writer: two writers for good.
                await error.WriteLineAsync($"kbctl: the ProxySQL nodes disagree on the writer now ({Writers(sessions, before, settings)}): nothing written. Try again in a few seconds, or choose one with `kbctl proxysql switchover NODE`.");
                return ExitCodes.Failed;
            }

            // 2. One target for all: a fresh proxy gets the writer its peers already use, not its own preferred node.
            var target = new ApplyTarget(writer ?? writers.SingleOrDefault(), writer is not null, allowFailback);
            var refusals = sessions.Zip(before, (s, b) => ApplyRunner.Refusal(s.Name, settings, b, target)).OfType<string>().ToList();
            if (refusals.Count > 0 && !dryRun)
            {
                foreach (var refusal in refusals)
                {
                    await error.WriteLineAsync($"kbctl: {refusal}");
                }

                await error.WriteLineAsync("kbctl: nothing written on any ProxySQL node.");
                return ExitCodes.Failed;
            }

            foreach (var refusal in refusals)
            {
                await output.WriteLineAsync($"A real run would refuse: {refusal}");
            }

            var plans = before.Select(b => ApplyRunner.Plan(settings, b, target)).ToList();
            foreach (var line in sessions.Zip(plans, (s, p) => ApplyRunner.Describe(s.Name, p)).SelectMany(l => l)
                .Concat(sessions.Zip(before, (s, b) => ApplyRunner.Unverified(s.Name, settings, b)).SelectMany(l => l)))
            {
                await output.WriteLineAsync(line);
            }

            if (dryRun)
            {
                await output.WriteLineAsync("Dry run: nothing was changed.");
                return ExitCodes.Ok;
            }

            // 3. Write to all in parallel; a failure says what each proxy now runs.
            var results = await Task.WhenAll(sessions.Zip(plans, (s, p) => ApplyRunner.ExecuteAsync(s, settings, p, target, cancellationToken)));
            foreach (var line in results.SelectMany(r => r.Lines))
            {
                await output.WriteLineAsync(line);
            }

            if (results.Any(r => r.Error is not null))
            {
                foreach (var failure in results.Select(r => r.Error).OfType<string>())
                {
                    await error.WriteLineAsync($"kbctl: {failure}");
                }

                var now = await Task.WhenAll(sessions.Select(s => TryReadAsync(s, CancellationToken.None)));
                await error.WriteLineAsync($"kbctl: writers now: {string.Join(", ", sessions.Zip(now, (s, n) => $"{s.Name} -> {(n.State is null ? "unknown (" + n.Error + ")" : n.State.Writer(settings.WriterHostgroup) ?? "none")}"))}. Check `kbctl status`, fix the cause, and run the same command again.");
                return ExitCodes.Failed;
            }

            if (writer is not null)
            {
                var old = before.Select(b => b.Writer(settings.WriterHostgroup)).FirstOrDefault(w => w is not null && w != writer);
                return await DrainAsync(sessions, settings.WriterHostgroup, old, drain, output, cancellationToken);
            }

            await output.WriteLineAsync($"Applied to {sessions.Count} ProxySQL node(s); a second apply changes nothing.");
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

    private static async Task<(AdminState? State, string? Error)> TryReadAsync(AdminSession session, CancellationToken cancellationToken)
    {
        try
        {
            return (await session.ReadAsync(cancellationToken), null);
        }
        catch (Exception ex) when (ex is AdminException or FormatException or InvalidOperationException or MySqlConnector.MySqlException or IOException or TimeoutException)
        {
            return (null, ex is AdminException ? ex.Message : $"{session.Name} ({session.Address}): {ex.Message}");
        }
    }

    private static string Writers(IReadOnlyList<AdminSession> sessions, IReadOnlyList<AdminState> states, ProxySqlSettings settings) =>
        string.Join(", ", sessions.Zip(states, (s, b) => $"{s.Name} -> {b.Writer(settings.WriterHostgroup) ?? "none"}"));

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
        foreach (var session in sessions)
        {
            var listed = await session.SessionsOnAsync(writerHostgroup, old, cancellationToken);
            var inUse = await session.ConnectionsUsedAsync(writerHostgroup, old, cancellationToken);
            foreach (var line in listed)
            {
                await output.WriteLineAsync($"    {session.Name}: {line}");
            }

            if (inUse > listed.Count)
            {
                await output.WriteLineAsync($"    {session.Name}: counts {inUse} backend connection(s) in use on {old} but lists {listed.Count} session(s) on it");
            }
        }

        return ExitCodes.Failed;
    }
}
