using System.Diagnostics;
using System.Text.Json;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Foundation;

[Collection(LabCollection.Name)]
public sealed class StatusTests(KeyBuzzLab lab)
{
    [Fact]
    public async Task Kbctl_status_json_shows_three_synced_nodes()
    {
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));

        var (code, output, error) = await Kbctl.RunAsync(lab, "status", "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var cluster = Assert.Single(doc.RootElement.GetProperty("clusters").EnumerateArray());
        Assert.Equal("kblab", cluster.GetProperty("name").GetString());
        var nodes = cluster.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["node1", "node2", "node3"], nodes.Select(n => n.GetProperty("name").GetString()));
        foreach (var node in nodes)
        {
            Assert.Equal("galera", node.GetProperty("role").GetString());
            Assert.True(node.GetProperty("mariadbRunning").GetBoolean());
            Assert.Equal("Primary", node.GetProperty("clusterStatus").GetString());
            Assert.Equal("Synced", node.GetProperty("localState").GetString());
            Assert.Equal(3, node.GetProperty("clusterSize").GetInt32());
            Assert.True(node.GetProperty("lastCommitted").GetInt64() > 0);
            var lastSeen = node.GetProperty("lastSeenUtc").GetDateTimeOffset();
            Assert.True(DateTimeOffset.UtcNow - lastSeen < TimeSpan.FromSeconds(5), $"last seen {lastSeen}");
        }
    }

    [Fact]
    public async Task Kbctl_status_table_has_one_row_per_node_and_history_has_values()
    {
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));

        var (code, output, error) = await Kbctl.RunAsync(lab, "status");
        var (historyCode, history, historyError) = await Kbctl.RunAsync(lab, "history", "node1", "--metric", "wsrep_cluster_size", "--since", "10m");

        Assert.True(code == 0, error);
        Assert.Contains("Cluster kblab", output, StringComparison.Ordinal);
        Assert.Equal(3, output.Split('\n').Count(l => l.StartsWith("node", StringComparison.Ordinal) && l.Contains("Synced", StringComparison.Ordinal)));
        Assert.True(historyCode == 0, historyError);
        Assert.Contains(history.Split('\n'), l => l.TrimEnd().EndsWith("  3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_killed_node_shows_down_within_3_seconds_and_synced_again_after_start()
    {
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));
        await lab.SetMaintenanceAsync(2, true); // the lab tool restarts it here, not the agent's self-repair

        await lab.Cluster.RunAsync("kill", "2");
        var watch = Stopwatch.StartNew();
        await Poll.UntilAsync(
            async () => KeyBuzzLab.Node(await lab.StatusAsync(), "node2") is { MariadbRunning: false } n && n.ClusterStatus != "Primary",
            TimeSpan.FromSeconds(10),
            "node2 shown as mariadb down and not Primary");
        var detection = watch.Elapsed;

        Assert.True(detection < TimeSpan.FromSeconds(3), $"detection took {detection.TotalSeconds:0.00}s");
        var status = KeyBuzzLab.Node(await lab.StatusAsync(), "node2")!;
        Assert.Contains("mariadbd down", status.Problems);

        await lab.Cluster.RunAsync("start", "2");
        await lab.SetMaintenanceAsync(2, false);
        await Poll.UntilAsync(
            async () => KeyBuzzLab.Node(await lab.StatusAsync(), "node2") is { MariadbRunning: true, LocalState: "Synced", ClusterStatus: "Primary" },
            TimeSpan.FromSeconds(30),
            "node2 Synced again");
    }

    [Fact]
    public async Task A_mariadbd_without_its_pid_file_is_still_reported_running_by_its_lock_on_ibdata1()
    {
        // galera_recovery runs mariadbd --wsrep-recover before systemd writes any pid file; a server whose pid
        // file is gone is the same case with a real, long-running mariadbd: only its InnoDB lock tells.
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));
        await lab.SetMaintenanceAsync(3, true);
        var pidFile = lab.Cluster.PidFile(3);
        var pid = await File.ReadAllTextAsync(pidFile);
        File.Delete(pidFile);
        try
        {
            var removed = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            await Poll.UntilAsync(
                async () => KeyBuzzLab.Node(await lab.StatusAsync(), "node3")!.LastSeenUnixMs > removed + 2500,
                TimeSpan.FromSeconds(15),
                "node3's agent reporting readings taken after its pid file was removed");
            var node = KeyBuzzLab.Node(await lab.StatusAsync(), "node3")!;
            Assert.True(node.MariadbRunning, $"node3 with no pid file: {node}");
        }
        finally
        {
            await File.WriteAllTextAsync(pidFile, pid);
            await lab.SetMaintenanceAsync(3, false);
        }
    }
}
