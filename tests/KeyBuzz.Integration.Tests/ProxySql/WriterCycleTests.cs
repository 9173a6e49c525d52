using System.Globalization;
using KeyBuzz.Integration.Tests.Lab;
using KeyBuzz.Integration.Tests.Recovery;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>
/// Never two ONLINE writers on a proxy: both proxies sampled every 100 ms across consecutive cycles of
/// apply / writer kill -9 / restart / failback / switchover (the naive config produced two writers in 4
/// of 6 failovers, proxysql-lab.md §4). KB_PROXY_CYCLES sets the cycles (3 in CI; 20 for the figure).
/// </summary>
[Collection(LabCollection.Name)]
public sealed class WriterCycleTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.Cluster.HasProxies ? lab.EnsureHealthyAsync() : Task.CompletedTask;

    public Task DisposeAsync() => lab.Cluster.HasProxies ? lab.EnsureHealthyAsync() : Task.CompletedTask;

    [SkippableFact]
    public async Task No_sample_ever_shows_two_online_writers_across_apply_kill_restart_failback_switchover_cycles()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        var cycles = int.TryParse(Environment.GetEnvironmentVariable("KB_PROXY_CYCLES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 3;
        await using var sampler = new WriterSampler(lab.Cluster);
        await using var client = await ProxyClient.StartAsync(lab.Cluster, (lab.Cluster.ProxyAddress(1), 6033), (lab.Cluster.ProxyAddress(2), 6033));
        for (var cycle = 1; cycle <= cycles; cycle++)
        {
            var (code, output, error) = await ProxyLab.KbctlAsync(lab, "apply", "--allow-failback");
            Assert.True(code == 0, $"cycle {cycle} apply: {error}{output}");
            var writer = await ProxyLab.WriterAsync(lab);
            var node = ProxyLab.NodeOf(lab, writer);
            // Killed in maintenance and started by hand: the agent's restart budget (3 in 30 min) is not what is
            // under test here, and 20 cycles would spend it. Maintenance changes nothing on the proxies.
            await lab.SetMaintenanceAsync(node, true);
            await lab.Cluster.RunAsync("kill", $"{node}");
            await Poll.UntilAsync(async () => await ProxyLab.WriterAsync(lab) != writer, TimeSpan.FromSeconds(30), $"cycle {cycle}: a new writer");
            await lab.Cluster.RunAsync("start", $"{node}"); // rejoins by IST
            await lab.SetMaintenanceAsync(node, false);
            await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(90));
            await ProxyLab.WaitForWriterAsync(lab, writer, TimeSpan.FromSeconds(30)); // the failback to the preferred node
            var to = (node % 3) + 1;
            (code, output, error) = await ProxyLab.SwitchoverAsync(lab, $"node{to}");
            Assert.True(code == 0, $"cycle {cycle} switchover: {error}{output}");
            (code, output, error) = await ProxyLab.SwitchoverAsync(lab, $"node{node}");
            Assert.True(code == 0, $"cycle {cycle} switchover back: {error}{output}");
            Console.WriteLine($"cycle {cycle}: {sampler.Samples} samples so far, {sampler.MultiWriterSamples.Count} with two ONLINE writers");
        }

        await client.StopAsync();
        Console.WriteLine($"{cycles} cycles: {sampler.Samples} samples of both proxies every 100 ms, {sampler.MultiWriterSamples.Count} with two ONLINE writers");
        Assert.True(sampler.Samples > cycles * 100, $"only {sampler.Samples} samples");
        Assert.True(sampler.MultiWriterSamples.Count == 0, string.Join("; ", sampler.MultiWriterSamples));
        await Scenario.AssertEveryServingNodeHasEveryAckedWriteAsync(lab, client.Acked);
    }
}
