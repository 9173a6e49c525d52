using Grpc.Core;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Chaos;

/// <summary>
/// One run: a healthy lab under writes, a random sequence of faults (seeded: the same seed replays
/// the same sequence), then what a human would restore without deciding anything (processes,
/// the network), time for the system to act, and the invariants.
/// </summary>
internal sealed class ChaosRun(ChaosLab lab, int seed)
{
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(240);
    private readonly Random _random = new(seed);
    private readonly List<string> _faults = [];
    private readonly List<Func<Task>> _pendingRestarts = [];
    private readonly HashSet<int> _stoppedOnPurpose = [];
    private bool _partitioned;

    public async Task<RunResult> ExecuteAsync()
    {
        if (!await lab.TryHealAsync(TimeSpan.FromSeconds(90)))
        {
            await lab.ResetAsync();
        }

        var before = await lab.LastRoundIdAsync();
        var evidence = EvidenceLog.Mark(lab);
        // Through the ProxySQL frontends when the lab has them, as the ERP writes; else to a random node first.
        await using var writer = lab.Cluster.HasProxies ? await AckedWriter.StartAsync(lab.Cluster) : await AckedWriter.StartDirectAsync(lab.Cluster, _random.Next(1, 4));
        await writer.WaitForMoreAsync(20, TimeSpan.FromSeconds(30));
        var count = _random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            await ApplyOneAsync();
            await RestartPendingAsync(now: _random.Next(2) == 0);
            await Task.Delay(_random.Next(500, 6000)); // the schedule of the faults, not a wait for a result
        }

        await RestartPendingAsync(now: true);
        if (_partitioned)
        {
            await lab.Cluster.RunAsync("heal");
        }

        for (var node = 1; node <= 3; node++)
        {
            if (lab.Agent(node).HasExited)
            {
                lab.StartAgent(node);
            }
        }

        var acked = await writer.StopAsync();
        var (outcome, human) = await SettleAsync(before);
        var violations = await Invariants.CheckAsync(lab, acked, before, evidence, outcome);
        return new RunResult(string.Join(", ", _faults), outcome, violations, human || violations.Count > 0);
    }

    private async Task ApplyOneAsync()
    {
        var running = Enumerable.Range(1, 3).Where(Runs).ToList();
        var choices = new List<(string Name, Func<Task> Apply)>
        {
            ("collector SIGKILL", CollectorKillAsync),
            ("agent SIGKILL", AgentKillAsync),
            ("wipe", WipeAsync),
            (_partitioned ? "heal" : "partition", PartitionOrHealAsync),
        };
        if (running.Count > 0)
        {
            choices.Add(("kill", () => NodeAsync("kill", running)));
            choices.Add(("kill", () => NodeAsync("kill", running)));
            choices.Add(("stop", () => NodeAsync("stop", running)));
            choices.Add(("kill-all", KillAllAsync));
        }

        await choices[_random.Next(choices.Count)].Apply();
    }

    private async Task NodeAsync(string action, List<int> running)
    {
        var node = running[_random.Next(running.Count)];
        _faults.Add($"{action} {node}");
        await lab.Cluster.RunAsync(action, $"{node}");
        if (action == "stop")
        {
            _stoppedOnPurpose.Add(node); // a clean stop is an operator's: the system leaves it down, the operator starts it again
        }
    }

    private async Task KillAllAsync()
    {
        _faults.Add("kill-all");
        await lab.Cluster.RunAsync("kill-all");
    }

    private async Task PartitionOrHealAsync()
    {
        if (_partitioned)
        {
            _faults.Add("heal");
            await lab.Cluster.RunAsync("heal");
            _partitioned = false;
            return;
        }

        var node = _random.Next(1, 4);
        _faults.Add($"partition {node}");
        await lab.Cluster.RunAsync("partition", $"{node}");
        _partitioned = true;
    }

    private async Task CollectorKillAsync()
    {
        _faults.Add("collector SIGKILL");
        await lab.Collector.KillAsync();
        _pendingRestarts.Add(() => Task.FromResult(lab.StartCollector()));
    }

    private async Task AgentKillAsync()
    {
        var node = _random.Next(1, 4);
        _faults.Add($"agent{node} SIGKILL");
        await lab.Agent(node).KillAsync();
        _pendingRestarts.Add(() => Task.FromResult(lab.StartAgent(node)));
    }

    /// <summary>A replaced disk: the node is crashed first if it runs, then its datadir re-initialised (half the time with a peer's grastate.dat copied in).</summary>
    private async Task WipeAsync()
    {
        var node = _random.Next(1, 4);
        if (Runs(node))
        {
            await lab.Cluster.RunAsync("kill", $"{node}");
        }

        if (_random.Next(2) == 0)
        {
            var from = ((node + _random.Next(1, 3) - 1) % 3) + 1;
            _faults.Add($"wipe {node} (grastate.dat of node{from})");
            await lab.Cluster.RunAsync("wipe", $"{node}", "--grastate-from", $"{from}");
        }
        else
        {
            _faults.Add($"wipe {node}");
            await lab.Cluster.RunAsync("wipe", $"{node}");
        }
    }

    private async Task RestartPendingAsync(bool now)
    {
        if (!now)
        {
            return;
        }

        foreach (var restart in _pendingRestarts)
        {
            await restart();
        }

        _pendingRestarts.Clear();
    }

    /// <summary>Waits until the cluster is back, or the system stopped and asked a human (a round waiting or failed, a held node, a fork).</summary>
    private async Task<(string Outcome, bool Human)> SettleAsync(ulong before)
    {
        var deadline = DateTimeOffset.UtcNow + SettleLimit;
        string? asking = null;
        var askingSince = DateTimeOffset.MaxValue;
        while (DateTimeOffset.UtcNow < deadline)
        {
            StatusReply status;
            List<RecoveryRoundInfo> rounds;
            try
            {
                status = await lab.StatusAsync();
                rounds = [.. (await lab.RoundsAsync()).Rounds.Where(r => r.Id > before).OrderBy(r => r.Id)];
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                await Task.Delay(1000); // a collector restarted just now is not listening yet
                continue;
            }

            var nodes = status.Clusters.SelectMany(c => c.Nodes).ToList();
            if (status.Clusters.FirstOrDefault(c => c.Fork.Length > 0) is { } forked)
            {
                return ($"fork: {forked.Fork}", true);
            }

            if (nodes.Count == 3 && nodes.All(n => n.Reporting && n.LocalState == "Synced" && n.ClusterSize == 3) && rounds.All(r => r.Phase is "Done" or "Failed"))
            {
                return (rounds.Count == 0 ? "recovered by self-repair" : $"recovered ({string.Join("; ", rounds.Select(Describe))})", false);
            }

            await StartWhatTheOperatorStoppedAsync(nodes, rounds);
            var waiting = Asking(rounds, nodes);
            if (waiting != asking)
            {
                (asking, askingSince) = (waiting, DateTimeOffset.UtcNow);
            }

            // The same question for 30 s: the system has stopped and asks a human.
            if (asking is not null && DateTimeOffset.UtcNow - askingSince > TimeSpan.FromSeconds(30))
            {
                return ($"waiting for a human: {asking}", true);
            }

            await Task.Delay(1000);
        }

        var active = (await lab.RoundsAsync()).Rounds.Where(r => r.Id > before && r.Phase is not ("Done" or "Failed")).Select(r => $"round {r.Id} {r.Phase}: {r.Status}");
        var seen = (await lab.StatusAsync()).Clusters.SelectMany(c => c.Nodes).Select(LabSystem.Describe);
        return ($"stuck after {SettleLimit.TotalSeconds:0} s: {string.Join("; ", active.Concat(seen))}", true);
    }

    /// <summary>
    /// The operator starts again a node they stopped cleanly once the cluster serves without it and
    /// no round is open (the system never starts a cleanly stopped node by itself outside a round).
    /// </summary>
    private async Task StartWhatTheOperatorStoppedAsync(List<Contracts.V1.NodeStatus> nodes, List<Contracts.V1.RecoveryRoundInfo> rounds)
    {
        if (rounds.Any(r => r.Phase is not ("Done" or "Failed")) || !nodes.Any(n => n.ClusterStatus == "Primary" && n.LocalState == "Synced"))
        {
            return;
        }

        foreach (var node in _stoppedOnPurpose.ToList())
        {
            if (!Runs(node) && nodes.FirstOrDefault(n => n.Name == $"node{node}") is { RepairState: "stopped" })
            {
                _faults.Add($"(operator starts {node})");
                await lab.Cluster.RunAsync("start", $"{node}", "--no-wait");
                _stoppedOnPurpose.Remove(node);
            }
        }
    }

    /// <summary>What the system asks a human now, if anything: a round waiting or failed, a node held.</summary>
    private static string? Asking(List<Contracts.V1.RecoveryRoundInfo> rounds, List<Contracts.V1.NodeStatus> nodes)
    {
        if (rounds.FirstOrDefault(r => r.Phase == "AwaitingApproval") is { } awaiting)
        {
            return awaiting.Status;
        }

        if (rounds.LastOrDefault() is { Phase: "Failed" } failed && rounds.All(r => r.Phase is "Done" or "Failed"))
        {
            return $"round failed: {failed.Status}";
        }

        return nodes.FirstOrDefault(n => n.RepairState == "held") is { } held ? $"{held.Name} held: {held.RepairReason}" : null;
    }

    private static string Describe(Contracts.V1.RecoveryRoundInfo round) =>
        $"round {round.Id} {round.Phase}{(round.Grants.Count > 0 ? $", bootstrap {string.Join(",", round.Grants.Where(g => g.Accepted).Select(g => g.Node))}" : string.Empty)}";

    private bool Runs(int node) => lab.Cluster.Pid(node) is { } pid && Directory.Exists($"/proc/{pid}");
}
