using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Recovery;

[Collection(LabCollection.Name)]
public sealed class SelfRepairTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.EnsureHealthyAsync();

    public Task DisposeAsync() => lab.EnsureHealthyAsync();

    [Fact]
    public async Task Scenario01_killed_node_is_restarted_and_rejoins_by_IST_without_bootstrap()
    {
        var roundsBefore = await lab.LastRoundIdAsync();
        var grantsBefore = Scenario.GrantsUsedByAgents(lab);
        await using var writer = await AckedWriter.StartAsync(lab.Cluster);
        await writer.WaitForMoreAsync(20, TimeSpan.FromSeconds(20));
        var logBefore = new FileInfo(lab.Cluster.ErrorLog(2)).Length;

        await lab.Cluster.RunAsync("kill", "2");
        await writer.WaitForMoreAsync(50, TimeSpan.FromSeconds(30)); // the survivors keep serving
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(90));

        var newLog = File.ReadAllText(lab.Cluster.ErrorLog(2))[(int)logBefore..];
        Assert.Contains("IST received", newLog, StringComparison.Ordinal);
        Assert.Contains("IST completed on joiner", newLog, StringComparison.Ordinal);
        Assert.DoesNotContain("SST completed on joiner", newLog, StringComparison.Ordinal); // no full state transfer
        Assert.Contains("Repair: restarting mariadbd", lab.Agent(2).ReadLog(), StringComparison.Ordinal);
        Assert.Equal(roundsBefore, await lab.LastRoundIdAsync());
        Assert.Equal(grantsBefore, Scenario.GrantsUsedByAgents(lab));
        await Scenario.AssertNoAckedWriteLostAsync(lab, writer);
    }

    [Fact]
    public async Task Scenario02_node_that_cannot_start_is_held_after_its_budget_and_others_are_untouched()
    {
        var roundsBefore = await lab.LastRoundIdAsync();
        var config = lab.Cluster.DefaultsFile(2);
        var original = await File.ReadAllTextAsync(config);
        try
        {
            await lab.Cluster.RunAsync("kill", "2");
            await File.AppendAllTextAsync(config, "no_such_option_kb_test=1\n");

            var held = await Poll.UntilAsync(
                async () => KeyBuzzLab.Node(await lab.StatusAsync(), "node2") is { RepairState: "held" } n ? n : null,
                TimeSpan.FromSeconds(90),
                "node2 held after its restart budget");

            Assert.Contains(held.Problems, p => p.StartsWith("self-repair held", StringComparison.Ordinal));
            var status = await lab.StatusAsync();
            Assert.All(new[] { "node1", "node3" }, n => Assert.True(KeyBuzzLab.Node(status, n) is { ClusterStatus: "Primary", LocalState: "Synced" }, n));
            Assert.Equal(roundsBefore, await lab.LastRoundIdAsync());
        }
        finally
        {
            await File.WriteAllTextAsync(config, original);
        }

        // Fixed by the operator; the maintenance on/off cycle releases the hold and self-repair restarts it.
        await lab.SetMaintenanceAsync(2, true);
        await Poll.UntilAsync(async () => KeyBuzzLab.Node(await lab.StatusAsync(), "node2") is { RepairState: "maintenance" }, TimeSpan.FromSeconds(10), "node2 in maintenance");
        await lab.SetMaintenanceAsync(2, false);
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Scenario10_partitioned_minority_is_neither_restarted_nor_bootstrapped_and_rejoins_after_heal()
    {
        var roundsBefore = await lab.LastRoundIdAsync();
        var pid = lab.Cluster.Pid(3);
        await using var writer = await AckedWriter.StartAsync(lab.Cluster);

        await lab.Cluster.RunAsync("partition", "3");
        await Poll.UntilAsync(async () => KeyBuzzLab.Node(await lab.StatusAsync(), "node3") is { MariadbRunning: true } n && n.ClusterStatus == "non-Primary", TimeSpan.FromSeconds(30), "node3 non-Primary");
        await writer.WaitForMoreAsync(100, TimeSpan.FromSeconds(30)); // the majority keeps serving
        var status = await lab.StatusAsync();

        Assert.True(KeyBuzzLab.Node(status, "node1") is { ClusterStatus: "Primary" } && KeyBuzzLab.Node(status, "node2") is { ClusterStatus: "Primary" });
        Assert.Equal(pid, lab.Cluster.Pid(3));
        Assert.Equal(roundsBefore, await lab.LastRoundIdAsync());

        await lab.Cluster.RunAsync("heal");
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(pid, lab.Cluster.Pid(3));
        await Scenario.AssertNoAckedWriteLostAsync(lab, writer);
        await Scenario.AssertSinglePrimaryViewAsync(lab);
    }

    [Fact]
    public async Task Scenario11_node_in_maintenance_is_left_alone()
    {
        await lab.SetMaintenanceAsync(2, true);
        await lab.Cluster.RunAsync("kill", "2");
        var deadPid = lab.Cluster.Pid(2);
        var downSince = DateTimeOffset.UtcNow;

        // Longer than eviction (≈5 s) plus a restart: self-repair would have acted by now.
        await Poll.UntilAsync(() => Task.FromResult(DateTimeOffset.UtcNow - downSince > TimeSpan.FromSeconds(15)), TimeSpan.FromSeconds(20), "15 s in maintenance");
        var node2 = KeyBuzzLab.Node(await lab.StatusAsync(), "node2");

        Assert.False(node2!.MariadbRunning);
        Assert.Equal("maintenance", node2.RepairState);
        Assert.True(node2.Maintenance);
        Assert.Equal(deadPid, lab.Cluster.Pid(2)); // nobody started it

        await lab.SetMaintenanceAsync(2, false);
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));
    }
}
