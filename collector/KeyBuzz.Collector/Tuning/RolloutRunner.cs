using KeyBuzz.Collector.Commands;
using KeyBuzz.Collector.Core.Tuning;
using KeyBuzz.Collector.Diagnostics;
using KeyBuzz.Collector.Events;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Hosting;

namespace KeyBuzz.Collector.Tuning;

/// <summary>
/// Rolling config apply, one node at a time: wait for a healthy full cluster, write the fragment
/// (the agent keeps a backup), restart, wait until the node is back Synced and the cluster at full
/// size, then the next node. Stops at the first failure and says where; never two nodes away.
/// </summary>
internal sealed class RolloutRunner(
    ClusterHealth health,
    PendingCommands commands,
    DesiredConfigStore desired,
    EventStore events,
    DisruptionLeases leases,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<RolloutRunner> logger)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Rollout> _latest = new(StringComparer.Ordinal);

    public Rollout? Latest(string cluster)
    {
        lock (_lock)
        {
            return _latest.TryGetValue(cluster, out var r) ? r.Clone() : null;
        }
    }

    /// <summary>Starts a rollout, or says why it cannot start (one at a time, healthy cluster only, valid fragment).</summary>
    public (Rollout? Rollout, string? Error) Start(string cluster, string fragment, TimeSpan nodeTimeout)
    {
        var (settings, errors) = ConfigFragment.Parse(fragment);
        if (errors.Count > 0)
        {
            return (null, $"the fragment is not valid: {string.Join("; ", errors)}");
        }

        fragment = ConfigFragment.WithoutTrailingComments(fragment);

        var nodes = health.Nodes(cluster).Select(n => n.Node).OrderBy(n => n, StringComparer.Ordinal).ToList();
        lock (_lock)
        {
            if (_latest.TryGetValue(cluster, out var running) && running.State == "running")
            {
                return (null, $"rolling apply {running.Id} is still running on {cluster}");
            }

            if (health.Refusal(cluster) is { } refusal)
            {
                return (null, $"not starting: {refusal}");
            }

            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            if (leases.TryAcquire(cluster, $"rolling apply rollout-{now}", (nodeTimeout * 2 * nodes.Count) + TimeSpan.FromMinutes(1)) is { } busy)
            {
                return (null, $"not starting: {busy}");
            }

            var rollout = new Rollout { Id = $"rollout-{now}", Cluster = cluster, State = "running", StartedUnixMs = now, MinSynced = nodes.Count, MinInPrimary = nodes.Count, Message = $"{settings.Count} settings, {nodes.Count} nodes" };
            rollout.Steps.AddRange(nodes.Select(n => new RolloutStep { Node = n, State = "waiting" }));
            desired.Save(cluster, fragment, time.GetUtcNow());
            _latest[cluster] = rollout;
            Record(rollout, string.Empty, "started", $"rolling apply of {settings.Count} settings to {string.Join(", ", nodes)}");
            _ = Task.Run(() => RunAsync(rollout, fragment, settings, nodeTimeout, lifetime.ApplicationStopping));
            return (rollout.Clone(), null);
        }
    }

    private async Task RunAsync(Rollout rollout, string fragment, IReadOnlyList<DesiredSetting> settings, TimeSpan nodeTimeout, CancellationToken cancellationToken)
    {
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = WatchSyncedAsync(rollout, watching.Token);
        try
        {
            foreach (var step in rollout.Steps)
            {
                var failure = await ApplyToAsync(rollout, step, fragment, settings, nodeTimeout, cancellationToken);
                if (failure is not null)
                {
                    Finish(rollout, step, "failed", $"stopped at {step.Node}: {failure}. Nodes after it were not touched.");
                    return;
                }
            }

            Finish(rollout, null, "done", $"applied to {rollout.Steps.Count} nodes, one at a time");
        }
        catch (OperationCanceledException)
        {
            Finish(rollout, rollout.Steps.FirstOrDefault(s => s.State is not ("waiting" or "done")), "failed", "the collector stopped during the rolling apply: check the node being restarted (kbctl status)");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never leave a rollout "running": later ones would be refused until a collector restart.
            Finish(rollout, rollout.Steps.FirstOrDefault(s => s.State is not ("waiting" or "done")), "failed", $"the rolling apply failed inside the collector ({ex.Message}): check the node being restarted (kbctl status)");
        }
        finally
        {
            await watching.CancelAsync();
            await watcher;
        }
    }

    /// <summary>Null on success, else why the node failed.</summary>
    private async Task<string?> ApplyToAsync(Rollout rollout, RolloutStep step, string fragment, IReadOnlyList<DesiredSetting> settings, TimeSpan nodeTimeout, CancellationToken cancellationToken)
    {
        Update(rollout, step, "waiting", "waiting for every node Synced and the cluster at full size");
        var deadline = time.GetUtcNow() + nodeTimeout;
        string? refusal;
        while ((refusal = health.Refusal(rollout.Cluster)) is not null)
        {
            if (time.GetUtcNow() > deadline)
            {
                return $"the cluster did not become healthy within {nodeTimeout.TotalSeconds:0} s ({refusal})";
            }

            await Task.Delay(PollEvery, time, cancellationToken);
        }

        Update(rollout, step, "writing", "writing the fragment");
        var write = commands.Create(CommandKind.WriteConfig, step.Node);
        write.ConfigText = fragment;
        var written = await commands.SendAsync(rollout.Cluster, write, TimeSpan.FromSeconds(30), cancellationToken);
        if (!written.Accepted)
        {
            return $"writing the fragment: {written.Outcome}: {written.Message}";
        }

        Update(rollout, step, "restarting", $"{written.Message}; restarting");
        var restarted = await commands.SendAsync(rollout.Cluster, commands.Create(CommandKind.Restart, step.Node), nodeTimeout, cancellationToken);
        var restartedAt = time.GetUtcNow(); // the agent answers after the stop: older readings may still say Synced
        deadline = restartedAt + nodeTimeout; // the rejoin gets its own full timeout
        if (!restarted.Accepted)
        {
            return $"restart: {restarted.Outcome}: {restarted.Message} (the new fragment is written; the previous one is kept: {written.Message})";
        }

        Update(rollout, step, "rejoining", "waiting until Synced and the cluster is back at full size");
        while (true)
        {
            var node = health.Nodes(rollout.Cluster).FirstOrDefault(n => n.Node == step.Node);
            if (node is { Synced: true } && node.SampledAt > restartedAt && health.Refusal(rollout.Cluster) is null)
            {
                break;
            }

            if (time.GetUtcNow() > deadline)
            {
                return $"not back Synced at full size within {nodeTimeout.TotalSeconds:0} s after the restart ({health.Refusal(rollout.Cluster) ?? "no fresh reading"}); its error log says why. Previous fragment: {written.Message}";
            }

            await Task.Delay(PollEvery, time, cancellationToken);
        }

        var view = health.View(rollout.Cluster);
        var drift = view is not null && view.Nodes.TryGetValue(step.Node, out var state)
            ? SettingsComparer.Differences(settings, state.Latest.Variables).Where(c => c.Effective is not null).ToList()
            : [];
        Update(rollout, step, "done", drift.Count == 0
            ? "Synced, cluster at full size, settings effective"
            : $"Synced, cluster at full size; NOT effective: {string.Join(", ", drift.Select(c => $"{c.Setting}={c.Effective} (wanted {c.Desired})"))}");
        return null;
    }

    private async Task WatchSyncedAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var nodes = health.Nodes(rollout.Cluster);
                lock (_lock)
                {
                    rollout.MinSynced = Math.Min(rollout.MinSynced, nodes.Count(n => n.Synced));
                    rollout.MinInPrimary = Math.Min(rollout.MinInPrimary, nodes.Count(n => n.InPrimary));
                }

                await Task.Delay(PollEvery, time, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // rollout finished
        }
    }

    private void Update(Rollout rollout, RolloutStep step, string state, string message)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            if (step.StartedUnixMs == 0)
            {
                step.StartedUnixMs = now;
            }

            step.State = state;
            step.Message = message;
            if (state is "done" or "failed")
            {
                step.FinishedUnixMs = now;
            }
        }

        if (state is "done" or "restarting")
        {
            Record(rollout, step.Node, state, message);
        }
    }

    private void Finish(Rollout rollout, RolloutStep? failedStep, string state, string message)
    {
        if (failedStep is not null)
        {
            Update(rollout, failedStep, "failed", message);
        }

        lock (_lock)
        {
            rollout.State = state;
            rollout.Message = message;
            rollout.FinishedUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        }

        leases.Release(rollout.Cluster, $"rolling apply {rollout.Id}");

        Record(rollout, failedStep?.Node ?? string.Empty, state, $"{message} (fewest nodes seen in the Primary Component: {rollout.MinInPrimary}, Synced: {rollout.MinSynced})");
    }

    private void Record(Rollout rollout, string node, string state, string text)
    {
        Log.Rollout(logger, rollout.Id, rollout.Cluster, $"{node} {state}: {text}");
        events.Append([new StoredEvent(time.GetUtcNow(), "rollout", rollout.Cluster, node, rollout.Id, state, state == "failed" ? "critical" : "info", text, string.Empty)]);
    }
}
