using System.Collections.Concurrent;
using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Components;
using KeyBuzz.Collector.Core.Recovery;
using KeyBuzz.Collector.Core.View;
using KeyBuzz.Collector.Ingest;
using KeyBuzz.Collector.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Recovery;

/// <summary>
/// Runs the recovery round of every cluster once a second: plan, step the pure round machine,
/// persist, then act (events, grants, commands). Human operations and agent answers go through
/// the same lock, so a round never sees two writers.
/// </summary>
internal sealed class RecoveryCoordinator(
    ClusterViewStore views,
    EvidenceBuilder evidence,
    RoundStore rounds,
    RoundActions actions,
    ComponentStore components,
    HumanBootstraps humans,
    IOptions<RecoveryOptions> recovery,
    IOptions<CollectorOptions> collector,
    Coordination.ICoordinatorRole role,
    TimeProvider time,
    ILogger<RecoveryCoordinator> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _noPrimarySince = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ulong> _activeRounds = new(StringComparer.Ordinal);

    /// <summary>The active round of a cluster (0: none), for the agents' advice.</summary>
    public ulong ActiveRound(string cluster) => _activeRounds.TryGetValue(cluster, out var id) ? id : 0;

    public (BootstrapDecision Decision, RecoveryRound? Round)? Plan(string cluster)
    {
        lock (_lock)
        {
            if (!views.Snapshot().TryGetValue(cluster, out var view))
            {
                return null;
            }

            var round = rounds.Active(cluster);
            return (Decide(view, round), round);
        }
    }

    public (RecoveryRound? Round, string? Error) Approve(ulong id)
    {
        lock (_lock)
        {
            if (rounds.Get(id) is not { } round || !round.IsActive)
            {
                return (null, $"no active recovery round {id} (kbctl recovery history lists them)");
            }

            if (!views.Snapshot().TryGetValue(round.Cluster, out var view))
            {
                return (round, $"no agent of cluster {round.Cluster} has reported since the collector started");
            }

            var (step, error) = RoundMachine.Approve(round, Decide(view, round), time.GetUtcNow(), GrantTtl, NewId);
            actions.Apply(round, step, "kbctl bootstrap approve");
            Track(step.Round ?? round);
            return (step.Round, error);
        }
    }

    public (RecoveryRound? Round, string? Error) Force(string cluster, string node)
    {
        lock (_lock)
        {
            if (!views.Snapshot().TryGetValue(cluster, out var view))
            {
                return (null, $"no agent of cluster '{cluster}' has reported since the collector started");
            }

            var now = time.GetUtcNow();
            var round = rounds.Active(cluster) ?? new RecoveryRound(rounds.NextId(), cluster, RoundPhase.AwaitingApproval, now, now, "opened by kbctl bootstrap force", null, [], []);
            var (step, error) = RoundMachine.Force(round, Decide(view, round), node, now, GrantTtl, NewId);
            if (error is null)
            {
                actions.Apply(null, step, "kbctl bootstrap force");
                Track(step.Round!);
            }

            return (step.Round, error);
        }
    }

    /// <summary>A human dealt with a forked history: automatic actions resume.</summary>
    public (string? Outcome, string? Error) ResolveFork(string cluster, string reason)
    {
        lock (_lock)
        {
            if (components.For(cluster).ActiveFork is not { } fork)
            {
                return (null, $"cluster {cluster} has no forked history to resolve");
            }

            var (_, after) = components.Acknowledge(cluster, $"an operator ({reason})");
            var latest = after.Latest;
            var outcome = latest is { Id: var id } && id == fork.ComponentId
                ? $"the component of {string.Join(", ", fork.ForkNodes)} still serves: it is now the history; {string.Join(", ", fork.NewerDataNodes)} will rejoin it (their newer commits are given up)"
                : $"the latest history stays {latest?.Describe() ?? "unknown"} (up to seqno {latest?.Committed}); {string.Join(", ", fork.ForkNodes)} served the fork and {(fork.ForkNodes.Count == 1 ? "never rejoins" : "never rejoin")} automatically: discard {(fork.ForkNodes.Count == 1 ? "its" : "their")} data with an SST (wipe the datadir, or move grastate.dat aside) before starting {(fork.ForkNodes.Count == 1 ? "it" : "them")}";
            Diagnostics.Log.ForkResolved(logger, cluster, reason, outcome);
            return (outcome, null);
        }
    }

    /// <summary>An agent answered a command of a round.</summary>
    public void OnResult(string cluster, string node, string commandId, bool accepted, string message)
    {
        lock (_lock)
        {
            if (rounds.Active(cluster) is not { } round)
            {
                return;
            }

            var running = views.Snapshot().TryGetValue(cluster, out var view) && view.Nodes.TryGetValue(node, out var state) && state.Latest.MariadbRunning;
            var step = RoundMachine.Answer(round, commandId, accepted, message, time.GetUtcNow(), running);
            actions.Apply(round, step, node);
            Track(step.Round ?? round);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var active in rounds.Recent(null, 50).Where(r => r.IsActive))
        {
            Track(active); // a restarted collector resumes its rounds
            if (active.Grant is { Accepted: true, By: not "auto" } human)
            {
                humans.Add(active.Cluster, new HumanBootstrap(human.Node, human.Position.Uuid, human.Position.Seqno, human.Id, human.By, active.PhaseSince));
            }
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!role.IsLeader)
            {
                continue; // HA mode: only the lease holder opens rounds, grants and sends commands
            }

            lock (_lock)
            {
                foreach (var view in views.Snapshot().Values)
                {
                    try
                    {
                        Tick(view);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // One cluster's failure must not stop the others, nor ingest: report and retry next tick.
                        Diagnostics.Log.CoordinatorFailed(logger, view.Name, ex);
                    }
                }
            }
        }
    }

    private void Tick(ClusterView view)
    {
        var now = time.GetUtcNow();
        var assessments = Assess(view, now);
        if (OutageRule.NoPrimary(view, assessments))
        {
            _noPrimarySince.TryAdd(view.Name, now);
        }
        else
        {
            _noPrimarySince.Remove(view.Name);
        }

        var round = rounds.Active(view.Name);
        if (round is null && !_noPrimarySince.ContainsKey(view.Name))
        {
            return;
        }

        var clusterEvidence = Evidence(view, assessments, round);
        var decision = BootstrapPlanner.Plan(clusterEvidence);
        var o = recovery.Value;
        var autoAllowed = o.AutoBootstrap && rounds.AutoGrantsSince(view.Name, now - TimeSpan.FromMinutes(o.AutoBootstrapWindowMinutes)) < o.MaxAutoBootstraps;
        var settings = new RoundSettings(TimeSpan.FromSeconds(o.OutageConfirmSeconds), GrantTtl, TimeSpan.FromSeconds(o.SyncedTimeoutSeconds), autoAllowed, o.MaxGrantsPerRound);
        var facts = RoundFactsBuilder.Build(view, clusterEvidence, now, _noPrimarySince.TryGetValue(view.Name, out var since) ? since : null);
        var step = RoundMachine.Step(round, decision, facts, settings, round is null ? rounds.NextId() : 0, NewId);
        if (step.Round is { } current)
        {
            Track(current); // agents learn of the round with the next advice, as early as possible
        }

        actions.Apply(round, step, "coordinator");
    }

    private BootstrapDecision Decide(ClusterView view, RecoveryRound? round) =>
        BootstrapPlanner.Plan(Evidence(view, Assess(view, time.GetUtcNow()), round));

    private ClusterEvidence Evidence(ClusterView view, IReadOnlyDictionary<string, NodeAssessment> assessments, RecoveryRound? round) =>
        evidence.Build(view, assessments, round?.Refused) with { PcRecoveryFailed = round?.PcRecoveryStalledAt is not null };

    private Dictionary<string, NodeAssessment> Assess(ClusterView view, DateTimeOffset now) =>
        view.Nodes.ToDictionary(n => n.Key, n => NodeAssessor.Assess(n.Value, now, collector.Value.NotReportingAfterMissedIntervals), StringComparer.Ordinal);

    private void Track(RecoveryRound round)
    {
        if (round.IsActive)
        {
            _activeRounds[round.Cluster] = round.Id;
        }
        else
        {
            _activeRounds.TryRemove(new KeyValuePair<string, ulong>(round.Cluster, round.Id));
        }
    }

    private TimeSpan GrantTtl => TimeSpan.FromSeconds(recovery.Value.GrantTtlSeconds);

    private static string NewId() => Guid.NewGuid().ToString("N")[..16];
}
