using KeyBuzz.Integration.Tests.Lab;
using MySqlConnector;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>
/// Each ProxySQL alert fired by the real situation it describes, made on the lab's real proxies the
/// way it happens in production (a hand change in an admin interface, a pinned session), then repaired
/// with kbctl and seen to resolve. (The killed writer: LiveProxySqlTests.)
/// </summary>
[Collection(LabCollection.Name)]
public sealed class ProxyAlertTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.Cluster.HasProxies ? lab.EnsureHealthyAsync() : Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (lab.Cluster.HasProxies)
        {
            await lab.EnsureHealthyAsync();
            await ProxyLab.SwitchoverAsync(lab, "node1");
            await lab.WaitForProxiesAsync(TimeSpan.FromSeconds(60));
        }
    }

    [SkippableFact]
    public async Task A_wrong_monitor_password_is_MonitorLoginFailing_and_apply_repairs_it()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        await ProxyLab.AdminAsync(lab, 2, "UPDATE global_variables SET variable_value = 'not-the-password' WHERE variable_name = 'mysql-monitor_password'", "LOAD MYSQL VARIABLES TO RUNTIME");
        // Open monitor connections keep working (proxysql-lab.md §1 #6): they fail once they are renewed.
        await KillMonitorConnectionsAsync();

        var alert = await Poll.UntilAsync(() => ProxyLab.FiringAsync(lab, "ProxySQLMonitorLoginFailing", "proxy2"), TimeSpan.FromSeconds(30), "ProxySQLMonitorLoginFailing fires for proxy2");
        Assert.Equal("critical", alert.Severity);
        Assert.Contains("Access denied", alert.Description, StringComparison.Ordinal);

        var (code, output, error) = await ProxyLab.KbctlAsync(lab, "apply");
        Assert.True(code == 0, error + output);
        Assert.Contains("MYSQL VARIABLES loaded, read back from runtime, saved to disk", output, StringComparison.Ordinal);
        await Poll.UntilAsync(async () => await ProxyLab.FiringAsync(lab, "ProxySQLMonitorLoginFailing") is null, TimeSpan.FromSeconds(30), "the login alert resolves");
        await lab.WaitForProxiesAsync(TimeSpan.FromSeconds(60));
    }

    [SkippableFact]
    public async Task A_pinned_session_left_on_the_old_writer_is_SessionsOnShunnedWriter_and_a_drain_names_it()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        var writer = ProxyLab.NodeOf(lab, await ProxyLab.WriterAsync(lab));
        await using var pinned = new MySqlConnection(AckedWriter.ConnectionString(lab.Cluster.ProxyAddress(1), 6033) + ";Allow User Variables=true");
        await pinned.OpenAsync();
        // A user variable disables multiplexing: this session stays on its backend for good.
        await new MySqlCommand("SET @kb_pinned = 1", pinned).ExecuteNonQueryAsync();
        Assert.Equal($"node{writer}", await new MySqlCommand("SELECT @@wsrep_node_name", pinned).ExecuteScalarAsync());

        var to = (writer % 3) + 1;
        var (code, output, error) = await ProxyLab.SwitchoverAsync(lab, $"node{to}", "--drain-timeout", "3s");
        Assert.True(code == 1, $"exit {code}: a switchover that leaves sessions on the old writer says so by its exit code. {error}{output}");
        Assert.Contains("still use the old writer", output, StringComparison.Ordinal);
        Assert.Contains("proxy1: session ", output, StringComparison.Ordinal); // named, so the operator can KILL CONNECTION it
        Assert.Contains("app from 127.", output, StringComparison.Ordinal);
        await ProxyLab.WaitForWriterAsync(lab, $"{lab.Cluster.Address(to)}:3306", TimeSpan.FromSeconds(10));

        var alert = await Poll.UntilAsync(() => ProxyLab.FiringAsync(lab, "ProxySQLSessionsOnShunnedWriter", "proxy1"), TimeSpan.FromSeconds(20), "ProxySQLSessionsOnShunnedWriter fires for proxy1");
        Assert.Contains($"{lab.Cluster.Address(writer)}:3306", alert.Summary + alert.Description, StringComparison.Ordinal);
        Assert.Equal($"node{writer}", await new MySqlCommand("SELECT @@wsrep_node_name", pinned).ExecuteScalarAsync()); // still writing to the old writer

        await pinned.CloseAsync();
        await Poll.UntilAsync(async () => await ProxyLab.FiringAsync(lab, "ProxySQLSessionsOnShunnedWriter") is null, TimeSpan.FromSeconds(20), "the alert resolves once the session is gone");
    }

    [SkippableFact]
    public async Task Proxies_routing_to_different_writers_is_WritersDisagree_and_a_switchover_reunites_them()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        var writer = ProxyLab.NodeOf(lab, await ProxyLab.WriterAsync(lab));
        var other = (writer % 3) + 1;
        // ProxySQL Cluster would carry proxy2's servers to proxy1 within seconds: a DBA who disabled that sync, then re-weighted proxy2 by hand.
        await ProxyLab.AdminAsync(lab, 1, "UPDATE global_variables SET variable_value = '0' WHERE variable_name = 'admin-cluster_mysql_servers_diffs_before_sync'", "LOAD ADMIN VARIABLES TO RUNTIME");
        await ProxyLab.AdminAsync(lab, 2, "UPDATE global_variables SET variable_value = '0' WHERE variable_name = 'admin-cluster_mysql_servers_diffs_before_sync'", "LOAD ADMIN VARIABLES TO RUNTIME");
        try
        {
            await ProxyLab.AdminAsync(lab, 2,
                $"UPDATE mysql_servers SET weight = 2000 WHERE hostname = '{lab.Cluster.Address(other)}'",
                $"UPDATE mysql_servers SET status = 'ONLINE' WHERE hostname = '{lab.Cluster.Address(other)}' AND hostgroup_id = 10",
                $"UPDATE mysql_servers SET status = 'SHUNNED' WHERE hostname = '{lab.Cluster.Address(writer)}' AND hostgroup_id = 10",
                "LOAD MYSQL SERVERS TO RUNTIME");
            var alert = await Poll.UntilAsync(() => ProxyLab.FiringAsync(lab, "ProxySQLWritersDisagree"), TimeSpan.FromSeconds(20), "ProxySQLWritersDisagree fires");
            Assert.Equal("critical", alert.Severity);
        }
        finally
        {
            foreach (var p in LabProxies.All)
            {
                await ProxyLab.AdminAsync(lab, p, "UPDATE global_variables SET variable_value = '3' WHERE variable_name = 'admin-cluster_mysql_servers_diffs_before_sync'", "LOAD ADMIN VARIABLES TO RUNTIME");
            }
        }

        var (code, output, error) = await ProxyLab.SwitchoverAsync(lab, $"node{writer}");
        Assert.True(code == 0, error + output);
        await ProxyLab.WaitForWriterAsync(lab, $"{lab.Cluster.Address(writer)}:3306", TimeSpan.FromSeconds(20));
        await Poll.UntilAsync(async () => await ProxyLab.FiringAsync(lab, "ProxySQLWritersDisagree") is null, TimeSpan.FromSeconds(20), "the disagreement resolves");
    }

    [SkippableFact]
    public async Task Every_node_loaded_into_the_writer_hostgroup_is_TooManyWriters_from_ProxySQLs_own_log()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        var writer = ProxyLab.NodeOf(lab, await ProxyLab.WriterAsync(lab));
        // The naive config of the spec (every node in hostgroup 10): each LOAD shows several ONLINE writers until the next Galera check.
        var rows = string.Join(", ", Enumerable.Range(1, 3).Select(n => $"(10, '{lab.Cluster.Address(n)}', 3306, {1100 - (100 * n)})"));
        await ProxyLab.AdminAsync(lab, 1, "DELETE FROM mysql_servers", $"INSERT INTO mysql_servers (hostgroup_id, hostname, port, weight) VALUES {rows}", "LOAD MYSQL SERVERS TO RUNTIME");

        var alert = await Poll.UntilAsync(() => ProxyLab.FiringAsync(lab, "ProxySQLTooManyWriters", "proxy1"), TimeSpan.FromSeconds(20), "ProxySQLTooManyWriters fires for proxy1");
        Assert.Equal("critical", alert.Severity);

        // Put the verified layout back on both.
        await ProxyLab.WaitForWriterAsync(lab, $"{lab.Cluster.Address(writer)}:3306", TimeSpan.FromSeconds(30));
        var (code, output, error) = await ProxyLab.SwitchoverAsync(lab, $"node{writer}");
        Assert.True(code == 0, error + output);
    }

    /// <summary>Kills the monitor user's connections on every node (ProxySQL's and the agents' reconnect).</summary>
    private async Task KillMonitorConnectionsAsync()
    {
        foreach (var node in new[] { 1, 2, 3 })
        {
            var ids = (await lab.Cluster.RunAsync("sql", $"{node}", "SELECT id FROM information_schema.processlist WHERE user = 'kbmon'"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var id in ids)
            {
                try
                {
                    await lab.Cluster.RunAsync("sql", $"{node}", $"KILL CONNECTION {id}");
                }
                catch (InvalidOperationException)
                {
                    // gone already
                }
            }
        }
    }
}
