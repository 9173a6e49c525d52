using System.Text.Json;
using KeyBuzz.Integration.Tests.Lab;
using KeyBuzz.Integration.Tests.Recovery;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>
/// Failover as the application sees it through the lab's real ProxySQL nodes: every write
/// acknowledged or failed and logged, then checked against the nodes. The figures are printed and
/// written to artifacts/proxysql-failover.json.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class FailoverThroughProxyTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.Cluster.HasProxies ? lab.EnsureQuietAsync() : Task.CompletedTask;

    public Task DisposeAsync() => lab.Cluster.HasProxies ? lab.EnsureHealthyAsync() : Task.CompletedTask;

    private (string, int)[] Frontends(int first) => [(lab.Cluster.ProxyAddress(first), 6033), (lab.Cluster.ProxyAddress(3 - first), 6033)];

    [SkippableFact]
    public async Task Kill_9_of_the_writer_node_costs_at_most_the_Galera_eviction_and_no_acknowledged_write()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        var writer = ProxyLab.NodeOf(lab, await ProxyLab.WriterAsync(lab));
        await using var client = await ProxyClient.StartAsync(lab.Cluster, Frontends(1));
        await client.WaitForMoreAsync(50, TimeSpan.FromSeconds(20));
        // Galera's own floor, watched on a survivor directly (not through ProxySQL): when it evicts the dead node.
        var eviction = EvictionAsync(lab.Cluster.Address((writer % 3) + 1), () => client.Elapsed);
        var mark = client.Elapsed;

        await lab.Cluster.RunAsync("kill", $"{writer}");
        var evictedAt = await eviction;
        await client.WaitForMoreAsync(100, TimeSpan.FromSeconds(30));
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(90)); // writing on through the rejoin
        await client.WaitForMoreAsync(50, TimeSpan.FromSeconds(30));
        await client.StopAsync();

        // The kill's gap begins at the last acknowledgement before it; a later one is the killed node's rejoin
        // (its agent restarts it once the survivors evicted it), whose view change pauses commits again.
        var (gap, from) = client.GapStartingIn(mark - TimeSpan.FromSeconds(1), mark + TimeSpan.FromSeconds(1));
        var rejoin = client.GapStartingIn(from + gap, client.Elapsed);
        var floor = evictedAt - from;
        Record("killWriterGapSeconds", gap.TotalSeconds, "killWriterClientErrors", client.ErrorsSince(mark));
        Record("killWriterGaleraEvictionSeconds", floor.TotalSeconds, "killWriterOverEvictionSeconds", (gap - floor).TotalSeconds);
        Record("killWriterLaterGapSeconds", rejoin.Gap.TotalSeconds, "killWriterLaterGapAfterKillSeconds", (rejoin.From - mark).TotalSeconds);
        var figures = $"writes flow again through ProxySQL after {gap.TotalSeconds:0.00} s; the survivors evicted it after {floor.TotalSeconds:0.00} s " +
            $"(Galera's floor: no commit anywhere before), so ProxySQL and the client's retry added {(gap - floor).TotalMilliseconds:0} ms";
        Console.WriteLine($"kill -9 of writer node{writer}: {figures}; {client.ErrorsSince(mark)} client error(s) after one retry; " +
            $"6.5 s target {(gap <= TimeSpan.FromSeconds(6.5) ? "met" : "missed because Galera's eviction itself took that long")}; " +
            $"longest later gap {rejoin.Gap.TotalSeconds:0.00} s from +{(rejoin.From - mark).TotalSeconds:0.0} s after the kill");
        // The issue's bound is Galera's eviction floor (about 6.5 s with the default evs timeouts): asserted as
        // measured, so a slow eviction on a loaded machine is reported, and what ProxySQL adds is what is held to.
        Assert.True(gap - floor <= TimeSpan.FromMilliseconds(500), $"{figures} (gap from +{(from - mark).TotalSeconds:0.00} s)");
        Assert.True(floor <= TimeSpan.FromSeconds(7.5), $"{figures}: the lab's Galera is not on the default evs timeouts (evs.suspect_timeout 5 s)");
        await Scenario.AssertEveryServingNodeHasEveryAckedWriteAsync(lab, client.Acked);
    }

    [SkippableFact]
    public async Task A_drill_stopping_the_writer_moves_it_first_so_clients_see_no_error_and_no_gap_over_100_ms()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        var writer = ProxyLab.NodeOf(lab, await ProxyLab.WriterAsync(lab));
        using var dir = new TempDir();
        var password = Path.Combine(dir.Path, "app.pw");
        await File.WriteAllTextAsync(password, "app-lab");
        var through = string.Join(',', LabProxies.All.Select(p => $"{lab.Cluster.ProxyAddress(p)}:6033"));
        var sql = string.Join(',', Enumerable.Range(1, 3).Select(n => $"{lab.Cluster.Address(n)}:3306"));

        var (code, output, error) = await Kbctl.RunAsync(lab, ["drill", "mariadb-node", $"node{writer}", "--sql", sql, "--through", through,
            "--db-user", "app", "--db-password-file", password, "--database", "erp", "--down", "3s", "--proxysql", .. await lab.Proxies.KbctlArgumentsAsync()]);

        Console.WriteLine(output);
        Assert.True(code == 0, error + output);
        Assert.Contains("planned switchover to", output, StringComparison.Ordinal);
        Assert.Contains("  client errors            0", output, StringComparison.Ordinal);
        // The switchover is the drill's "until the stop": ProxySQL's part, held to 100 ms. The stop itself costs the view
        // change of a leaving member (usually tens of ms, about 1 s when Galera retransmits its join messages), paid by
        // every commit, through ProxySQL or not: the drill's direct writer on the new writer measures it in the same run.
        var switchover = Seconds(output, @"until the stop\s+([0-9.]+) s");
        var gap = Seconds(output, @"until the start\s+([0-9.]+) s");
        var galera = Seconds(output, @"direct on node\d\s+([0-9.]+) s until the start");
        var rejoin = Seconds(output, @"from the start\s+([0-9.]+) s");
        Record("drillStopWriterGapSeconds", gap, "drillStopWriterRejoinGapSeconds", rejoin);
        Record("drillSwitchoverGapSeconds", switchover, "drillStopDirectGapSeconds", galera);
        Console.WriteLine($"drill clean stop of writer node{writer} through ProxySQL: longest gap {switchover * 1000:0} ms during the switchover, " +
            $"{gap * 1000:0} ms until the start ({galera * 1000:0} ms on a direct writer: Galera's own), 0 client errors; {rejoin:0.00} s during the rejoin");
        Assert.True(switchover <= 0.1, output);
        Assert.True(gap <= Math.Max(0.1, galera + 0.1), $"ProxySQL added over 100 ms to Galera's own pause during the stop:\n{output}");
        Assert.True(galera <= 2.5, $"a clean leave paused the lab's Galera over 2.5 s:\n{output}");
    }

    [SkippableFact]
    public async Task Kill_of_one_proxysql_node_is_unnoticed_on_the_other_and_its_clients_reconnect_within_their_retry()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        await using var onOther = await ProxyClient.StartAsync(lab.Cluster, Frontends(2));
        await using var onKilled = await ProxyClient.StartAsync(lab.Cluster, Frontends(1));
        await onOther.WaitForMoreAsync(50, TimeSpan.FromSeconds(20));
        await onKilled.WaitForMoreAsync(50, TimeSpan.FromSeconds(20));
        var (markOther, markKilled) = (onOther.Elapsed, onKilled.Elapsed);

        await lab.Cluster.RunAsync("proxy", "kill", "1");
        await onOther.WaitForMoreAsync(100, TimeSpan.FromSeconds(20));
        await onKilled.WaitForMoreAsync(100, TimeSpan.FromSeconds(20));
        await onOther.StopAsync();
        await onKilled.StopAsync();
        await lab.Cluster.RunAsync("proxy", "start", "1");

        Record("proxyKillOtherGapSeconds", onOther.LongestGap(markOther).TotalSeconds, "proxyKillReconnectGapSeconds", onKilled.LongestGap(markKilled).TotalSeconds);
        Console.WriteLine($"kill of proxy1: client on proxy2 longest gap {onOther.LongestGap(markOther).TotalMilliseconds:0} ms, {onOther.ErrorsSince(markOther)} errors; client on proxy1 reconnected to proxy2 with a {onKilled.LongestGap(markKilled).TotalMilliseconds:0} ms gap, {onKilled.ErrorsSince(markKilled)} errors after its retry");
        Assert.True(onOther.ErrorsSince(markOther) == 0 && onOther.LongestGap(markOther) <= TimeSpan.FromMilliseconds(200), string.Join("; ", onOther.Errors));
        Assert.True(onKilled.ErrorsSince(markKilled) == 0, string.Join("; ", onKilled.Errors));
        await Scenario.AssertEveryServingNodeHasEveryAckedWriteAsync(lab, [.. onOther.Acked, .. onKilled.Acked]);
    }

    [SkippableFact]
    public async Task A_full_outage_loses_no_acknowledged_write_and_ProxySQL_routes_to_the_recovered_writer_without_a_human()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        var before = await lab.LastRoundIdAsync();
        await using var client = await ProxyClient.StartAsync(lab.Cluster, Frontends(1));
        await client.WaitForMoreAsync(50, TimeSpan.FromSeconds(20));
        var acksBefore = client.Acked.Count;

        await lab.Cluster.RunAsync("kill-all");
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(120));
        var synced = client.Elapsed;
        await client.WaitForMoreAsync(50, TimeSpan.FromSeconds(30));
        await client.StopAsync();

        var round = await Scenario.WaitForRoundAsync(lab, before, r => r.Phase == "Done", TimeSpan.FromSeconds(30), "recovery round done");
        Assert.Single(round.Grants);
        // The first write ProxySQL accepted after the outage, against the moment the collector showed 3 Synced nodes.
        var firstAfter = client.AckTimes.Skip(acksBefore).First();
        var delay = firstAfter - synced;
        Record("outageSyncedToFirstWriteSeconds", Math.Max(0, delay.TotalSeconds), "outageClientErrors", client.Errors.Count);
        Console.WriteLine($"full outage: first write accepted through 6033 {delay.TotalSeconds:0.00} s after 3 Synced (negative: before the last node joined)");
        Assert.True(delay <= TimeSpan.FromSeconds(10), $"ProxySQL took {delay.TotalSeconds:0.0} s after the recovery to route writes again");
        await Scenario.AssertEveryServingNodeHasEveryAckedWriteAsync(lab, client.Acked);
        await Scenario.AssertNoForkAndNoRepeatedEventsAsync(lab, round);
    }

    /// <summary>When (on <paramref name="clock"/>) the node at <paramref name="address"/> first shows a smaller cluster.</summary>
    private static async Task<TimeSpan> EvictionAsync(string address, Func<TimeSpan> clock)
    {
        await using var connection = new MySqlConnector.MySqlConnection(AckedWriter.ConnectionString(address));
        await connection.OpenAsync();
        await using var command = new MySqlConnector.MySqlCommand("SELECT variable_value FROM information_schema.global_status WHERE variable_name = 'wsrep_cluster_size'", connection);
        var size = 3;
        await Poll.UntilAsync(
            async () =>
            {
                size = int.Parse((string)(await command.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture);
                return size < 3;
            },
            TimeSpan.FromSeconds(30), $"{address} evicts the killed node", everyMs: 10);
        return clock();
    }

    private static double Seconds(string output, string pattern) =>
        System.Text.RegularExpressions.Regex.Match(output, pattern) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            : throw new Xunit.Sdk.XunitException($"no /{pattern}/ in the drill report:\n{output}");

    /// <summary>Adds figures to artifacts/proxysql-failover.json (one file for the whole run).</summary>
    private static void Record(string name, double value, string name2, double value2)
    {
        Directory.CreateDirectory(RepoPaths.Artifacts);
        var file = Path.Combine(RepoPaths.Artifacts, "proxysql-failover.json");
        var figures = File.Exists(file) ? JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(file)) ?? [] : [];
        figures[name] = Math.Round(value, 3);
        figures[name2] = Math.Round(value2, 3);
        File.WriteAllText(file, JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true }));
    }
}
