using System.Text.RegularExpressions;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Drills;

[Collection(LabCollection.Name)]
public sealed partial class NodeDrillTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.EnsureQuietAsync();

    public Task DisposeAsync() => lab.EnsureHealthyAsync();

    private async Task<(int ExitCode, string Output, string Error)> DrillAsync(TempDir dir, params string[] extra)
    {
        var password = Path.Combine(dir.Path, "app.password");
        await File.WriteAllTextAsync(password, "app-lab\n");
        var sql = string.Join(',', Enumerable.Range(1, 3).Select(n => $"{lab.Cluster.Address(n)}:3306"));
        return await Kbctl.RunAsync(lab, ["drill", "mariadb-node", .. extra, "--sql", sql, "--db-user", "app", "--db-password-file", password, "--database", "erp", "--down", "3s"]);
    }

    [SkippableFact]
    public async Task Proxysql_node_drill_kills_one_real_proxy_the_client_fails_over_and_the_proxy_comes_back()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        using var dir = new TempDir();
        var password = Path.Combine(dir.Path, "app.password");
        await File.WriteAllTextAsync(password, "app-lab\n");
        var sql = string.Join(',', Enumerable.Range(1, 3).Select(n => $"{lab.Cluster.Address(n)}:3306"));
        var through = $"{lab.Cluster.ProxyAddress(1)}:6033,{lab.Cluster.ProxyAddress(2)}:6033";
        var pid = File.ReadAllText(lab.Cluster.ProxyPidFile(1)).Trim();

        var (code, output, error) = await Kbctl.RunAsync(lab, "drill", "proxysql-node", "proxy1", "--kill", "--through", through, "--sql", sql,
            "--db-user", "app", "--db-password-file", password, "--database", "erp", "--down", "3s");

        Assert.True(code == 0, error + output);
        Assert.Contains("PASSED: proxysql-node --kill proxy1", output, StringComparison.Ordinal);
        Assert.Contains("0 acknowledged writes lost", output, StringComparison.Ordinal);
        Assert.Matches(@"back routing after start +\d+\.\d\d s", output);
        Assert.NotEqual(pid, File.ReadAllText(lab.Cluster.ProxyPidFile(1)).Trim()); // a new ProxySQL process, started by its agent
        Assert.Contains("executing: kill proxysql", lab.Proxies.Agent(1).ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clean_stop_of_a_standby_loses_no_acknowledged_write_and_the_node_comes_back()
    {
        using var dir = new TempDir();
        var pid = lab.Cluster.Pid(2);
        var (code, output, error) = await DrillAsync(dir, "node2");
        Assert.True(code == 0, error + output);
        Assert.Contains("PASSED: mariadb-node node2", output, StringComparison.Ordinal);
        Assert.Contains("0 acknowledged writes lost", output, StringComparison.Ordinal);
        Assert.Matches(@"back Synced after start  \d+\.\d\d s", output);
        Assert.NotEqual(pid, lab.Cluster.Pid(2));
        Assert.Contains("executing: stopping mariadbd", lab.Agent(2).ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Killing_the_node_the_client_writes_to_measures_the_gap_and_loses_nothing()
    {
        using var dir = new TempDir();
        var (code, output, error) = await DrillAsync(dir, "node1", "--kill");
        Assert.True(code == 0, error + output);
        Assert.Contains("PASSED: mariadb-node --kill node1", output, StringComparison.Ordinal);
        Assert.Contains("0 acknowledged writes lost", output, StringComparison.Ordinal);
        var gap = double.Parse(GapPattern().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(gap >= 0.05, $"the client writes to node1, so killing it must show a write gap; report:\n{output}");
        Assert.Matches(@"client errors            [1-9]", output); // the client saw the crash and failed over

        var history = await Kbctl.RunAsync(lab, "drill", "history");
        Assert.Equal(0, history.ExitCode);
        Assert.Contains("mariadb-node --kill", history.Output, StringComparison.Ordinal);
        Assert.Contains("passed", history.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_check_passes_on_a_healthy_cluster_and_a_drill_refuses_an_unhealthy_one()
    {
        var (code, output, error) = await Kbctl.RunAsync(lab, "drill", "health");
        Assert.True(code == 0, error + output);
        Assert.Equal(3, Regex.Matches(output, @"^OK\s+node\d", RegexOptions.Multiline).Count);

        using var dir = new TempDir();
        await lab.SetMaintenanceAsync(3, true);
        try
        {
            (code, output, _) = await Kbctl.RunAsync(lab, "drill", "health");
            Assert.Equal(1, code);
            Assert.Matches(@"PROBLEM\s+node3\s+.*in maintenance", output);
            var pid = lab.Cluster.Pid(2);
            (code, output, error) = await DrillAsync(dir, "node2");
            Assert.Equal(1, code);
            Assert.Contains("Not starting the drill", output, StringComparison.Ordinal);
            Assert.Equal(pid, lab.Cluster.Pid(2));
        }
        finally
        {
            await lab.SetMaintenanceAsync(3, false);
        }

        var events = await lab.Operations.GetEventsAsync(new EventsRequest { Kind = "drill" });
        Assert.Contains(events.Events, e => e.Name == "health" && e.State == "failed");
    }

    [GeneratedRegex(@"longest write gap\s+([0-9.]+) s")]
    private static partial Regex GapPattern();
}
