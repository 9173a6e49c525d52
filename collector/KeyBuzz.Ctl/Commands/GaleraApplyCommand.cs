using System.Globalization;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Output;

namespace KeyBuzz.Ctl.Commands;

/// <summary>
/// `kbctl galera apply --fragment FILE [--dry-run] [--cluster C] [--node-timeout 10m]`,
/// `kbctl galera drift [--cluster C]`, `kbctl galera rollout [--cluster C]`.
/// </summary>
internal static class GaleraApplyCommand
{
    public static async Task<int> RunAsync(string action, CollectorConnection collector, Arguments args, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var cluster = args.Option("--cluster") ?? string.Empty;
        var client = new Operations.OperationsClient(collector.Channel);
        if (action == "rollout")
        {
            args.EnsureConsumed(0);
            var latest = await client.GetRolloutAsync(new ClusterRequest { Cluster = cluster }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
            await (json ? output.WriteAsync(Json.Of(latest)) : output.WriteAsync(Describe(latest)));
            return latest.State == "failed" ? ExitCodes.Failed : ExitCodes.Ok;
        }

        var fragmentFile = args.Option("--fragment");
        var dryRun = args.Flag("--dry-run");
        var timeout = TimeArgument.Duration(args.Option("--node-timeout") ?? "10m", "--node-timeout");
        args.EnsureConsumed(0);
        var fragment = string.Empty;
        if (action == "apply")
        {
            fragment = fragmentFile is null ? throw new UsageException("galera apply needs --fragment FILE (made by kbctl galera config --out FILE)")
                : File.Exists(fragmentFile) ? await File.ReadAllTextAsync(fragmentFile, cancellationToken)
                : throw new UsageException($"--fragment {fragmentFile} does not exist");
        }

        var request = new GaleraConfigRequest { Cluster = cluster, Fragment = fragment, NodeTimeoutSeconds = (uint)Math.Clamp(timeout.TotalSeconds, 1, 86_400) };
        if (action == "drift" || dryRun)
        {
            var plan = await client.PlanGaleraConfigAsync(request, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
            await (json ? output.WriteAsync(Json.Of(plan)) : output.WriteAsync(Describe(plan, action == "drift")));
            return action == "drift" && plan.Nodes.Any(n => n.Changes.Count > 0) ? ExitCodes.Failed : ExitCodes.Ok;
        }

        var rollout = await client.StartGaleraRolloutAsync(request, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        await output.WriteLineAsync($"{rollout.Id} started on {rollout.Cluster}: {rollout.Message}. One node at a time; Ctrl-C stops watching, not the apply (kbctl galera rollout).");
        var reported = new HashSet<string>(StringComparer.Ordinal);
        while (rollout.State == "running")
        {
            await Report(rollout, reported, output);
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            rollout = await client.GetRolloutAsync(new ClusterRequest { Cluster = rollout.Cluster }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        }

        await Report(rollout, reported, output);
        await (json ? output.WriteAsync(Json.Of(rollout)) : output.WriteAsync(Describe(rollout)));
        return rollout.State == "done" ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task Report(Rollout rollout, HashSet<string> reported, TextWriter output)
    {
        foreach (var step in rollout.Steps.Where(s => s.State != "waiting" || s.StartedUnixMs > 0))
        {
            if (reported.Add($"{step.Node}|{step.State}"))
            {
                await output.WriteLineAsync($"  {AlertsCommand.Time(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())}  {step.Node}: {step.State}: {step.Message}");
            }
        }
    }

    private static string Describe(GaleraConfigPlan plan, bool drift)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{(drift ? $"Drift of the fragment applied {AlertsCommand.Time(plan.AppliedAtUnixMs)}" : "Dry run:")} on {plan.Cluster} ({plan.Settings} settings)\n");
        foreach (var node in plan.Nodes)
        {
            if (node.Changes.Count == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{node.Node}: {(drift ? "no drift" : "nothing would change")}\n");
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"{node.Node}: {node.Changes.Count} setting(s) {(drift ? "differ from the applied fragment" : "would change")}\n");
            var table = new TextTable("  SETTING", "LIVE", "DESIRED");
            foreach (var c in node.Changes)
            {
                table.Add("  " + c.Setting, c.Effective.Length > 0 ? c.Effective : "(not reported by the agent)", c.Desired);
            }

            text.Append(table.Render());
        }

        if (!drift)
        {
            text.Append(plan.Refusal.Length > 0 ? $"A rolling apply would NOT start now: {plan.Refusal}\n" : "A rolling apply would start now: one node at a time, restart, wait Synced at full size.\n");
        }

        return text.ToString();
    }

    private static string Describe(Rollout rollout)
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{rollout.Id} on {rollout.Cluster}: {rollout.State}: {rollout.Message}\n");
        var table = new TextTable("NODE", "STATE", "STARTED", "FINISHED", "DETAIL");
        foreach (var s in rollout.Steps)
        {
            table.Add(s.Node, s.State, s.StartedUnixMs > 0 ? AlertsCommand.Time(s.StartedUnixMs) : "-", s.FinishedUnixMs > 0 ? AlertsCommand.Time(s.FinishedUnixMs) : "-", s.Message);
        }

        text.Append(table.Render());
        text.Append(CultureInfo.InvariantCulture, $"Fewest nodes in the Primary Component while it ran: {rollout.MinInPrimary} (Synced: {rollout.MinSynced}; each rejoin's IST donor is Donor/Desynced for a moment)\n");
        return text.ToString();
    }
}
