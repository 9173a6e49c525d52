using System.Globalization;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Integration.Tests.Lab;
using KeyBuzz.Integration.Tests.Recovery;

namespace KeyBuzz.Integration.Tests.Tuning;

[Collection(LabCollection.Name)]
public sealed class RollingApplyTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.EnsureQuietAsync();

    public Task DisposeAsync() => lab.EnsureHealthyAsync();

    [Fact]
    public async Task Generated_fragment_is_applied_one_node_at_a_time_starts_real_nodes_and_takes_effect()
    {
        using var dir = new TempDir();
        var fragment = Path.Combine(dir.Path, "galera.cnf");
        // The lab's failure-detection timings (Galera defaults) are kept: other lab tests rely on them.
        var (code, output, error) = await Kbctl.RunAsync(lab, "galera", "config", "--ram-mib", "1024", "--buffer-pool-mib", "96", "--log-file-size-mib", "48",
            "--gcache-mib", "160", "--keepalive", "1", "--suspect", "5", "--inactive", "15", "--slave-threads", "2", "--out", fragment);
        Assert.True(code == 0, error + output);

        (code, output, error) = await Kbctl.RunAsync(lab, "galera", "apply", "--fragment", fragment, "--dry-run");
        Assert.True(code == 0, error + output);
        Assert.Contains("provider:gcache.size", output, StringComparison.Ordinal);
        Assert.Contains("innodb_buffer_pool_size", output, StringComparison.Ordinal);
        Assert.Contains("A rolling apply would start now", output, StringComparison.Ordinal);
        var pidsBefore = Enumerable.Range(1, 3).Select(lab.Cluster.Pid).ToList();

        var minInPrimary = 3;
        var minSynced = 3;
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                var status = await lab.StatusAsync();
                var nodes = status.Clusters.SelectMany(c => c.Nodes).Where(n => n.Reporting && n.MariadbRunning && n.ClusterStatus == "Primary").ToList();
                minSynced = Math.Min(minSynced, nodes.Count(n => n.LocalState == "Synced"));
                minInPrimary = Math.Min(minInPrimary, nodes.Count(n => n.LocalState is "Synced" or "Donor/Desynced"));
                await Task.Delay(100);
            }
        });
        await using var writer = await AckedWriter.StartAsync(lab.Cluster);
        try
        {
            (code, output, error) = await Kbctl.RunAsync(lab, "galera", "apply", "--fragment", fragment, "--node-timeout", "3m");
        }
        finally
        {
            await watching.CancelAsync();
            await watcher;
        }

        Assert.True(code == 0, error + output);
        Assert.Matches("node1: done.*\\n(.|\\n)*node2: done(.|\\n)*node3: done", output);
        // Never more than one node away: the other two stay in the Primary Component. Galera marks the
        // IST donor of each rejoin Donor/Desynced for about a second, so "Synced" alone may dip to 1.
        Assert.True(minInPrimary >= 2, $"fewest nodes in the Primary Component during the rolling apply: {minInPrimary} (Synced: {minSynced})\n{output}");
        Assert.True(minSynced >= 1, $"fewest Synced nodes: {minSynced}");
        Assert.Contains("Fewest nodes in the Primary Component while it ran: 2", output, StringComparison.Ordinal);
        for (var node = 1; node <= 3; node++)
        {
            Assert.NotEqual(pidsBefore[node - 1], lab.Cluster.Pid(node)); // really restarted
            var written = await File.ReadAllTextAsync(lab.Cluster.ConfigFragment(node));
            Assert.Contains($"gmcast.listen_addr=tcp://{lab.Cluster.Address(node)}:4567", written, StringComparison.Ordinal); // node's own options kept
            var pool = (await lab.Cluster.RunAsync("sql", node.ToString(CultureInfo.InvariantCulture), "SELECT @@innodb_buffer_pool_size")).Trim();
            Assert.Equal((96L * 1024 * 1024).ToString(CultureInfo.InvariantCulture), pool);
            var provider = await lab.Cluster.RunAsync("sql", node.ToString(CultureInfo.InvariantCulture), "SELECT @@wsrep_provider_options");
            Assert.Contains("gcache.size = 160M", provider, StringComparison.Ordinal);
        }

        await writer.WaitForMoreAsync(20, TimeSpan.FromSeconds(20));
        await Scenario.AssertNoAckedWriteLostAsync(lab, writer);

        await Poll.UntilAsync(
            async () => (await Kbctl.RunAsync(lab, "galera", "drift")) is { ExitCode: 0 } r && r.Output.Split("no drift").Length == 4,
            TimeSpan.FromSeconds(10), "kbctl galera drift reports no drift on the 3 nodes");
        var events = await lab.Operations.GetEventsAsync(new EventsRequest { Kind = "rollout" });
        Assert.Contains(events.Events, e => e.State == "done" && e.Summary.Contains("applied to 3 nodes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_fragment_or_unhealthy_cluster_is_refused_before_any_node_is_touched()
    {
        using var dir = new TempDir();
        var bad = Path.Combine(dir.Path, "bad.cnf");
        await File.WriteAllTextAsync(bad, "wsrep_slave_threads=4\n");
        var pids = Enumerable.Range(1, 3).Select(lab.Cluster.Pid).ToList();

        var (code, output, error) = await Kbctl.RunAsync(lab, "galera", "apply", "--fragment", bad);
        Assert.Equal(1, code);
        Assert.Contains("outside any [section]", error + output, StringComparison.Ordinal);

        var good = Path.Combine(dir.Path, "good.cnf");
        await File.WriteAllTextAsync(good, "[mysqld]\nmax_connections=300\n");
        await lab.SetMaintenanceAsync(3, true);
        try
        {
            (code, output, error) = await Kbctl.RunAsync(lab, "galera", "apply", "--fragment", good);
            Assert.Equal(1, code);
            Assert.Contains("node3 in maintenance", error + output, StringComparison.Ordinal);
            (code, output, _) = await Kbctl.RunAsync(lab, "galera", "apply", "--fragment", good, "--dry-run");
            Assert.Equal(0, code);
            Assert.Contains("would NOT start now: node3 in maintenance", output, StringComparison.Ordinal);
            Assert.Contains("max_connections", output, StringComparison.Ordinal);
        }
        finally
        {
            await lab.SetMaintenanceAsync(3, false);
        }

        Assert.Equal(pids, Enumerable.Range(1, 3).Select(lab.Cluster.Pid).ToList());
    }

    [Fact]
    public async Task Gcache_is_sized_from_the_write_rate_the_collector_observed()
    {
        await using var writer = await AckedWriter.StartAsync(lab.Cluster);
        await writer.WaitForMoreAsync(50, TimeSpan.FromSeconds(30));
        var result = await Poll.UntilAsync(
            async () => await Kbctl.RunAsync(lab, "galera", "config", "--from-collector", "--rate-since", "30m", "--ist-window", "2h") is { ExitCode: 0 } r ? r.Output : null,
            TimeSpan.FromSeconds(60), "kbctl galera config --from-collector finds a write rate");
        var header = result.Split('\n').First(l => l.StartsWith("# gcache", StringComparison.Ordinal));
        Assert.Matches(@"^# gcache \d+ MiB at [0-9.]+ KiB/s of writes: a node away up to about [0-9.]+ (h|min) rejoins by IST", header);
        Assert.DoesNotContain("at 0 KiB/s", header, StringComparison.Ordinal);
    }
}
