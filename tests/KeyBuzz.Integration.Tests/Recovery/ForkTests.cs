using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Recovery;

/// <summary>
/// Outcomes are checked, also when Galera (or a human) makes a fork by itself: a Primary Component
/// that starts below what the latest one committed is a forked history — critical alert, status
/// says so first, automatic actions stop until a human resolves it.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class ForkTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.EnsureHealthyAsync();

    public Task DisposeAsync() => lab.EnsureHealthyAsync();

    [Fact]
    public async Task Scenario16_a_stale_partition_forced_Primary_by_hand_is_a_forked_history_that_stops_automatic_actions()
    {
        var roundsBefore = await lab.LastRoundIdAsync();
        // Direct to node2 (the newer side): routing is not what this test is about, and a proxy could well send writes to the fork.
        await using var writer = await AckedWriter.StartDirectAsync(lab.Cluster, preferNode: 2);
        await writer.WaitForMoreAsync(20, TimeSpan.FromSeconds(20));
        await lab.Cluster.RunAsync("partition", "1");
        await Poll.UntilAsync(async () => KeyBuzzLab.Node(await lab.StatusAsync(), "node1") is { ClusterStatus: "non-Primary" }, TimeSpan.FromSeconds(30), "node1 non-Primary");
        await writer.WaitForMoreAsync(100, TimeSpan.FromSeconds(30));

        // The classic 3 a.m. mistake: pc.bootstrap on the side that is behind.
        await lab.Cluster.RunAsync("sql", "1", "SET GLOBAL wsrep_provider_options='pc.bootstrap=YES'");

        var status = await Poll.UntilAsync(async () => await lab.StatusAsync() is { } s && s.Clusters.Single().Fork.Length > 0 ? s : null, TimeSpan.FromSeconds(15), "the collector finds the fork");
        var fork = status.Clusters.Single().Fork;
        Assert.StartsWith("FORKED HISTORY: node1 serves", fork, StringComparison.Ordinal);
        Assert.Contains("node2, node3 hold the newer data", fork, StringComparison.Ordinal);
        var (code, output, _) = await Kbctl.RunAsync(lab, "status");
        Assert.Equal(0, code);
        Assert.StartsWith("!!! cluster kblab: FORKED HISTORY", output, StringComparison.Ordinal);
        var alert = await Poll.UntilAsync(
            async () => (await lab.Operations.GetAlertsAsync(new Contracts.V1.AlertsRequest { Cluster = lab.Cluster.ClusterName }, deadline: DateTime.UtcNow.AddSeconds(5))).Alerts
                .FirstOrDefault(a => a.Name == "GaleraForkedHistory" && a.State == "firing"),
            TimeSpan.FromSeconds(15), "GaleraForkedHistory firing");
        Assert.Equal("critical", alert.Severity);
        Assert.Contains("node2, node3 hold the newer data", alert.Description, StringComparison.Ordinal);

        // Automatic actions stop: a node that crashes now is not restarted into either side.
        var acked = await writer.StopAsync(); // every write so far went to node2 (the newer side)
        await lab.Cluster.RunAsync("kill", "3");
        var killedAt = DateTimeOffset.UtcNow;
        await Poll.UntilAsync(async () => KeyBuzzLab.Node(await lab.StatusAsync(), "node3") is { RepairReason: var r } && r.Contains("automatic actions are stopped", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "node3's agent stands aside");
        await Poll.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow - killedAt > TimeSpan.FromSeconds(25)), TimeSpan.FromSeconds(30), "longer than eviction plus a restart");
        Assert.False(KeyBuzzLab.Node(await lab.StatusAsync(), "node3")!.MariadbRunning);
        Assert.Equal(roundsBefore, await lab.LastRoundIdAsync());

        // The DBA keeps the newer history: stops the forked node and says so; the newer side comes back by itself.
        await lab.Cluster.RunAsync("stop", "1");
        await lab.Cluster.RunAsync("heal");
        (code, output, var error) = await Kbctl.RunAsync(lab, "recovery", "resolve-fork", "kblab", "--reason", "node1 stopped, to be rebuilt by SST", "--confirm", "kblab");
        Assert.True(code == 0, error);
        Assert.Contains("never rejoins automatically", output, StringComparison.Ordinal);
        await Poll.UntilAsync(
            async () => await lab.StatusAsync() is { } s && new[] { "node2", "node3" }.All(n => KeyBuzzLab.Node(s, n) is { ClusterStatus: "Primary", LocalState: "Synced" }),
            TimeSpan.FromSeconds(120), "node2 and node3 Primary again");
        Assert.False(KeyBuzzLab.Node(await lab.StatusAsync(), "node1")!.MariadbRunning); // the forked node never rejoins automatically

        // node1's diverged data is discarded: it rejoins by SST.
        await lab.Cluster.RunAsync("wipe", "1");
        await lab.Cluster.RunAsync("start", "1");
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(120));
        Assert.Empty((await lab.StatusAsync()).Clusters.Single().Fork);
        await Scenario.AssertEveryServingNodeHasEveryAckedWriteAsync(lab, acked);
        await Scenario.AssertSinglePrimaryViewAsync(lab);
    }
}
