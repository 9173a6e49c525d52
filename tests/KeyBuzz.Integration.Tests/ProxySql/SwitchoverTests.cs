using KeyBuzz.Integration.Tests.Lab;
using KeyBuzz.Integration.Tests.Recovery;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>
/// Planned writer changes through the lab's real proxies, under an application writing through both
/// frontends: `kbctl proxysql switchover` (mirrored layout on both proxies, drain), and failback
/// control — pinning the writer after a failover versus `--allow-failback`.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class SwitchoverTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.Cluster.HasProxies ? lab.EnsureHealthyAsync() : Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (!lab.Cluster.HasProxies)
        {
            return;
        }

        if (lab.Agent(1).HasExited)
        {
            lab.StartAgent(1);
        }

        await lab.EnsureHealthyAsync();
        // Back to the preferred writer, so the tests that follow start from the default layout.
        await ProxyLab.SwitchoverAsync(lab, "node1");
        await ProxyLab.KbctlAsync(lab, "apply", "--allow-failback");
        await lab.WaitForProxiesAsync(TimeSpan.FromSeconds(60));
    }

    [SkippableFact]
    public async Task A_planned_switchover_costs_no_error_and_no_gap_over_100_ms_and_drains_the_old_writer()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        var from = await ProxyLab.WriterAsync(lab);
        var to = (ProxyLab.NodeOf(lab, from) % 3) + 1;
        await using var viaProxy1 = await ProxyClient.StartAsync(lab.Cluster, (lab.Cluster.ProxyAddress(1), 6033), (lab.Cluster.ProxyAddress(2), 6033));
        await using var viaProxy2 = await ProxyClient.StartAsync(lab.Cluster, (lab.Cluster.ProxyAddress(2), 6033), (lab.Cluster.ProxyAddress(1), 6033));
        await viaProxy1.WaitForMoreAsync(50, TimeSpan.FromSeconds(20));
        await viaProxy2.WaitForMoreAsync(50, TimeSpan.FromSeconds(20));
        var (mark1, mark2) = (viaProxy1.Elapsed, viaProxy2.Elapsed);

        var (code, output, error) = await ProxyLab.SwitchoverAsync(lab, $"node{to}");
        var (done1, done2) = (viaProxy1.Elapsed, viaProxy2.Elapsed);
        Console.WriteLine(output);

        Assert.True(code == 0, error + output);
        Assert.Contains("Switchover done", output, StringComparison.Ordinal);
        Assert.Contains($"the old writer {from} is drained", output, StringComparison.Ordinal);
        await ProxyLab.WaitForWriterAsync(lab, $"{lab.Cluster.Address(to)}:3306", TimeSpan.FromSeconds(10));
        await viaProxy1.WaitForMoreAsync(50, TimeSpan.FromSeconds(20));
        await viaProxy2.WaitForMoreAsync(50, TimeSpan.FromSeconds(20));
        await viaProxy1.StopAsync();
        await viaProxy2.StopAsync();
        foreach (var (client, mark, done) in new[] { (viaProxy1, mark1, done1), (viaProxy2, mark2, done2) })
        {
            Assert.True(client.ErrorsSince(mark) == 0, string.Join("; ", client.Errors));
            var (gap, at) = client.GapStartingIn(mark, done);
            // The same client's longest gap over the 50 writes after the switchover, with nothing moving: what this
            // (shared, 2-core) host costs by itself. The switchover may add at most 50 ms to it, and never more than
            // 100 ms in all on a quiet host.
            var (quiet, _) = client.GapStartingIn(done, client.Elapsed);
            var limit = TimeSpan.FromMilliseconds(Math.Max(100, quiet.TotalMilliseconds + 50));
            var when = $"from +{(at - mark).TotalSeconds:0.00} s (the switchover ran until +{(done - mark).TotalSeconds:0.00} s; longest gap after it {quiet.TotalMilliseconds:0} ms)";
            Console.WriteLine($"switchover {from} -> node{to}: longest gap {gap.TotalMilliseconds:0} ms {when}, 0 client errors");
            Assert.True(gap <= limit, $"longest gap between acknowledged writes {gap.TotalMilliseconds:0} ms {when}, limit {limit.TotalMilliseconds:0} ms");
        }

        await Scenario.AssertEveryServingNodeHasEveryAckedWriteAsync(lab, [.. viaProxy1.Acked, .. viaProxy2.Acked]);
    }

    [SkippableFact]
    public async Task After_a_failover_apply_pins_the_new_writer_and_allow_failback_lets_ProxySQL_fail_back()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        await ProxyLab.SwitchoverAsync(lab, "node1");
        await ProxyLab.WaitForWriterAsync(lab, $"{lab.Cluster.Address(1)}:3306", TimeSpan.FromSeconds(20));
        await ProxyLab.KbctlAsync(lab, "apply", "--allow-failback"); // configured weights: node1 preferred

        // node1 crashes and stays down (its agent is away): ProxySQL fails over to node2.
        await lab.StopAgentAsync(1);
        await lab.Cluster.RunAsync("kill", "1");
        await ProxyLab.WaitForWriterAsync(lab, $"{lab.Cluster.Address(2)}:3306", TimeSpan.FromSeconds(20));
        var (code, output, error) = await ProxyLab.KbctlAsync(lab, "apply");
        Assert.True(code == 0, error + output);
        Assert.Contains($"{lab.Cluster.Address(1)}:3306 is in the offline hostgroup", output, StringComparison.Ordinal);

        // Pinned: node1 comes back as a standby and nothing moves.
        await lab.Cluster.RunAsync("start", "1");
        lab.StartAgent(1);
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));
        var backAt = DateTime.UtcNow;
        await Poll.UntilAsync(() => Task.FromResult(DateTime.UtcNow - backAt > TimeSpan.FromSeconds(10)), TimeSpan.FromSeconds(15), "10 s after node1 is Synced (failback takes 1.5-2.5 s)");
        await ProxyLab.WaitForWriterAsync(lab, $"{lab.Cluster.Address(2)}:3306", TimeSpan.FromSeconds(5));

        // --allow-failback: the configured weights again, and ProxySQL fails back to node1 by itself.
        (code, output, error) = await ProxyLab.KbctlAsync(lab, "apply", "--allow-failback");
        Assert.True(code == 0, error + output);
        await ProxyLab.WaitForWriterAsync(lab, $"{lab.Cluster.Address(1)}:3306", TimeSpan.FromSeconds(20));
        // The alert names the latest return (until then it could only name node2, after the kill): this one is this failback.
        await Poll.UntilAsync(
            async () => await ProxyLab.FiringAsync(lab, "ProxySQLFailback") is { } a && a.Summary.EndsWith($"failed back to {lab.Cluster.Address(1)}:3306", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), "ProxySQLFailback fires for the failback to node1");
    }
}
