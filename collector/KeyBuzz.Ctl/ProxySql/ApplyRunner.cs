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

        var target = writer ?? runtime.Writer(settings.WriterHostgroup);
        foreach (var change in plan)
        {
            foreach (var statement in change.Statements)
            {
                await proxy.ExecuteAsync(statement, cancellationToken);
            }

            await proxy.ExecuteAsync($"LOAD {change.Module} TO RUNTIME", cancellationToken);
            var remaining = await ConvergeAsync(proxy, settings, target, change.Module, allowFailback, cancellationToken);
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

    private static List<ModuleChange> Filter(IReadOnlyList<ModuleChange> plan, bool serversOnly) =>
        [.. plan.Where(c => !serversOnly || c.Module == ApplyPlanner.Servers)];
}
