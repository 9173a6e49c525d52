using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Recovery;

/// <summary>
/// The bad nights of the recovery issue: evidence that went stale (a wiped and re-initialised
/// datadir, a grastate.dat copied by hand), a stale survivor of a partition, commands lost with a
/// collector crash. Each asserts the invariant on every node that serves queries.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class StaleEvidenceTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.EnsureHealthyAsync();

    public async Task DisposeAsync()
    {
        if (lab.Collector.HasExited)
        {
            lab.StartCollector();
        }

        await lab.EnsureHealthyAsync();
    }

    [Fact]
    public async Task Scenario12_a_wiped_and_reinitialised_node_with_a_copied_grastate_is_never_bootstrapped_and_rejoins_by_SST()
    {
        var before = await lab.LastRoundIdAsync();
        await using var writer = await AckedWriter.StartAsync(lab.Cluster);
        await writer.WaitForMoreAsync(50, TimeSpan.FromSeconds(20));
        // Every node applies every acknowledged write first: node1's position is then as high as any (the old planner
        // picked it by name), and wiping it loses nothing that only its disk had.
        var acked = await writer.StopAsync();
        await Scenario.AssertEveryServingNodeHasEveryAckedWriteAsync(lab, acked);

        // The collector is away while the disk is "replaced", so no round can decide on node1's old position meanwhile;
        // node1's agent has recovered that position before the wipe (its evidence is now stale).
        var recoveries = Recoveries(1);
        await lab.Collector.KillAsync();
        await lab.Cluster.RunAsync("kill-all");
        await Poll.UntilAsync(() => Task.FromResult(Recoveries(1) > recoveries), TimeSpan.FromSeconds(30), "node1's agent recovered its position before the wipe");
        var sstBefore = SstCount(1);
        await lab.Cluster.RunAsync("wipe", "1", "--grastate-from", "2");
        lab.StartCollector();

        var round = await Scenario.WaitForRoundAsync(lab, before, r => r.Phase == "Done", TimeSpan.FromSeconds(120), "recovery round done");
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(120));

        Assert.All(round.Grants, g => Assert.NotEqual("node1", g.Node));
        Assert.Contains(Assert.Single(round.Grants).Node, new[] { "node2", "node3" });
        Assert.Contains(round.Events, e => e.Text.Contains("node1 holds no data and will join by SST", StringComparison.Ordinal));
        Assert.True(SstCount(1) > sstBefore, "node1 rejoined by a full state transfer");
        Assert.Contains("the datadir changed", lab.Agent(1).ReadLog(), StringComparison.Ordinal);
        await Scenario.AssertEveryServingNodeHasEveryAckedWriteAsync(lab, acked);
        await Scenario.AssertSinglePrimaryViewAsync(lab);
        await Scenario.AssertNoForkAndNoRepeatedEventsAsync(lab, round);
    }

    [Fact]
    public async Task Scenario13_a_crashed_node_whose_datadir_was_wiped_rejoins_by_SST_without_any_round()
    {
        var roundsBefore = await lab.LastRoundIdAsync();
        var grantsBefore = Scenario.GrantsUsedByAgents(lab);
        await using var writer = await AckedWriter.StartAsync(lab.Cluster);
        await writer.WaitForMoreAsync(20, TimeSpan.FromSeconds(20));
        var sstBefore = SstCount(3);

        await lab.StopAgentAsync(3); // the "disk replacement" happens while its agent is away, as it would
        await lab.Cluster.RunAsync("kill", "3");
        await lab.Cluster.RunAsync("wipe", "3");
        lab.StartAgent(3);
        await writer.WaitForMoreAsync(50, TimeSpan.FromSeconds(30));
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(120));

        Assert.True(SstCount(3) > sstBefore, "node3 rejoined by a full state transfer");
        Assert.Contains("joining the Primary Component", lab.Agent(3).ReadLog(), StringComparison.Ordinal);
        Assert.Equal(roundsBefore, await lab.LastRoundIdAsync());
        Assert.Equal(grantsBefore, Scenario.GrantsUsedByAgents(lab));
        await Scenario.AssertEveryServingNodeHasEveryAckedWriteAsync(lab, await writer.StopAsync());
    }

    [Fact]
    public async Task Scenario14_a_stale_survivor_of_a_partition_is_fenced_and_the_newer_history_kept()
    {
        var before = await lab.LastRoundIdAsync();
        await using var writer = await AckedWriter.StartAsync(lab.Cluster);
        await writer.WaitForMoreAsync(20, TimeSpan.FromSeconds(20));

        await lab.Cluster.RunAsync("partition", "1");
        await Poll.UntilAsync(async () => KeyBuzzLab.Node(await lab.StatusAsync(), "node1") is { ClusterStatus: "non-Primary" }, TimeSpan.FromSeconds(30), "node1 non-Primary");
        // The newer history: a table and writes only node2 and node3 have.
        await lab.Cluster.RunAsync("sql", "2", "CREATE TABLE IF NOT EXISTS erp.kb_partition_only (id INT PRIMARY KEY); INSERT INTO erp.kb_partition_only VALUES (1), (2), (3)");
        await writer.WaitForMoreAsync(100, TimeSpan.FromSeconds(30));
        await lab.Cluster.RunAsync("kill", "2");
        await lab.Cluster.RunAsync("kill", "3");
        var acked = await writer.StopAsync();
        await lab.Cluster.RunAsync("heal");

        var round = await Scenario.WaitForRoundAsync(lab, before, r => r.Phase == "Done", TimeSpan.FromSeconds(150), "recovery round done");
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(120));

        Assert.Contains(round.Events, e => e.Text.Contains("fence sent to node1", StringComparison.Ordinal));
        Assert.DoesNotContain(round.Events, e => e.Text.Contains("completing pc.recovery", StringComparison.Ordinal));
        Assert.Contains(Assert.Single(round.Grants).Node, new[] { "node2", "node3" });
        var starts = round.Events.Where(e => e.Text.Contains("start sent to", StringComparison.Ordinal)).Select(e => e.Text).ToList();
        Assert.EndsWith("start sent to node1 (attempt 1)", starts[^1], StringComparison.Ordinal); // the stale node rejoins last
        foreach (var node in new[] { 1, 2, 3 })
        {
            Assert.Equal("3", (await lab.Cluster.RunAsync("sql", $"{node}", "SELECT COUNT(*) FROM erp.kb_partition_only")).Trim());
        }

        await Scenario.AssertEveryServingNodeHasEveryAckedWriteAsync(lab, acked);
        await Scenario.AssertSinglePrimaryViewAsync(lab);
        await Scenario.AssertNoForkAndNoRepeatedEventsAsync(lab, round);
    }

    [Fact]
    public async Task Scenario15_starts_lost_in_a_collector_crash_are_sent_again_until_the_nodes_run()
    {
        var before = await lab.LastRoundIdAsync();
        await using var writer = await AckedWriter.StartAsync(lab.Cluster);
        await writer.WaitForMoreAsync(20, TimeSpan.FromSeconds(20));

        // The collector dies right after persisting "start the others", before any start leaves it.
        await lab.Collector.StopAsync();
        lab.StartCollector(new Dictionary<string, string> { ["KEYBUZZ_Recovery__CrashAfterPersisting"] = "start" });
        await lab.Cluster.RunAsync("kill-all");
        await Poll.UntilAsync(() => Task.FromResult(lab.Collector.HasExited), TimeSpan.FromSeconds(90), "the collector crashed at its crash point");
        Assert.Contains("Fault injection", lab.Collector.ReadLog(), StringComparison.Ordinal);
        lab.StartCollector();

        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(120));
        var round = await Scenario.WaitForRoundAsync(lab, before, r => r.Phase == "Done", TimeSpan.FromSeconds(30), "the resumed round done");

        Assert.Single(round.Grants);
        Assert.All(round.Commands.Where(c => c.Kind == "start"), c => Assert.True(c.Sends >= 2 || c.Attempt >= 2, $"{c.Node}: sent {c.Sends} time(s), attempt {c.Attempt}"));
        Assert.Equal(2, round.Commands.Where(c => c.Kind == "start").Select(c => c.Node).Distinct().Count());
        await Scenario.AssertEveryServingNodeHasEveryAckedWriteAsync(lab, await writer.StopAsync());
        await Scenario.AssertNoForkAndNoRepeatedEventsAsync(lab, round);
    }

    private int Recoveries(int node) =>
        lab.Agent(node).ReadLog().Split('\n').Count(l => l.Contains("Evidence: --wsrep-recover on the datadir as it is now", StringComparison.Ordinal));

    private int SstCount(int node) =>
        File.Exists(lab.Cluster.ErrorLog(node))
            ? File.ReadLines(lab.Cluster.ErrorLog(node)).Count(l => l.Contains("WSREP: SST succeeded for position", StringComparison.Ordinal))
            : 0;
}
