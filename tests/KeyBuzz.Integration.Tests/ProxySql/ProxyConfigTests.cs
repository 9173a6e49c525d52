using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>
/// `kbctl proxysql config` output loaded by a real ProxySQL 2.7 — the admin SQL pasted into a bare
/// proxy, and the per-node proxysql.cnf started with --initial — then `kbctl proxysql apply` on
/// the same two fresh proxies changes nothing: generated and applied configuration are the same.
/// Two scratch proxies (127.0.3.23/.24) beside the lab's, in front of the lab's nodes.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class ProxyConfigTests(KeyBuzzLab lab) : IAsyncLifetime
{
    private const string AdminPassword = "radmin-cfg";

    public Task InitializeAsync() => lab.Cluster.HasProxies ? lab.EnsureHealthyAsync() : Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task Generated_admin_sql_and_cnf_run_on_a_real_proxysql_and_apply_then_finds_nothing_to_change()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        using var dir = new TempDir();
        var (sqlProxy, cnfProxy) = (lab.Cluster.ProxyAddress(3), lab.Cluster.ProxyAddress(4));
        var inventory = Path.Combine(dir.Path, "servers.tsv");
        await File.WriteAllTextAsync(inventory, "hostname\tprivate_ip\trole\tcluster\n" +
            string.Concat(Enumerable.Range(1, 3).Select(n => $"node{n}\t{lab.Cluster.Address(n)}\tmariadb\tkbcfg\n")) +
            $"proxy3\t{sqlProxy}\tproxysql\tkbcfg\nproxy4\t{cnfProxy}\tproxysql\tkbcfg\n");
        foreach (var (file, text) in new[] { ("app.pw", "app-lab"), ("mon.pw", "kbmon-lab"), ("admin.pw", AdminPassword), ("cluster.pw", "cluster-cfg") })
        {
            await File.WriteAllTextAsync(Path.Combine(dir.Path, file), text);
        }

        string[] Options() => [inventory, "--cluster", "kbcfg", "--app-users", $"app:{Path.Combine(dir.Path, "app.pw")}", "--monitor-user", "kbmon",
            "--monitor-password-file", Path.Combine(dir.Path, "mon.pw"), "--admin-user", "radmin", "--admin-password-file", Path.Combine(dir.Path, "admin.pw"),
            "--cluster-user", "kbcluster", "--cluster-password-file", Path.Combine(dir.Path, "cluster.pw")];
        var outDir = Path.Combine(dir.Path, "out");
        var (code, _, error) = await Kbctl.RunAsync(lab, ["proxysql", "config", .. Options(), "--out", outDir]);
        Assert.True(code == 0, error);

        await using var bySql = await ScratchProxy.StartBareAsync(sqlProxy, Path.Combine(dir.Path, "proxy3"), AdminPassword);
        await bySql.ExecuteScriptAsync(AdminPassword, await File.ReadAllTextAsync(Path.Combine(outDir, "proxysql-admin.sql")));
        var cnf = await File.ReadAllTextAsync(Path.Combine(outDir, "proxysql-proxy4.cnf"));
        Assert.Contains($"interfaces=\"{cnfProxy}:6033\"", cnf, StringComparison.Ordinal);
        await using var byCnf = await ScratchProxy.StartFromCnfAsync(cnfProxy, Path.Combine(dir.Path, "proxy4"), cnf, AdminPassword);

        foreach (var proxy in new[] { bySql, byCnf })
        {
            // Exactly the preferred writer ONLINE in hostgroup 10, the standbys in 20, once the monitor checked them.
            await Poll.UntilAsync(
                async () => (await proxy.QueryAsync(AdminPassword, "SELECT hostgroup_id, hostname, status FROM runtime_mysql_servers WHERE status = 'ONLINE'"))
                    .Where(r => r["hostgroup_id"] == "10").Select(r => r["hostname"]).SequenceEqual([lab.Cluster.Address(1)]),
                TimeSpan.FromSeconds(20), $"{proxy.Address}: node1 the one ONLINE writer");
            var variables = (await proxy.QueryAsync(AdminPassword, "SELECT variable_name, variable_value FROM runtime_global_variables WHERE variable_name IN ('mysql-monitor_username', 'mysql-monitor_galera_healthcheck_interval', 'admin-cluster_mysql_servers_sync_algorithm')"))
                .ToDictionary(r => r["variable_name"], r => r["variable_value"], StringComparer.Ordinal);
            Assert.Equal(("kbmon", "1000", "2"), (variables["mysql-monitor_username"], variables["mysql-monitor_galera_healthcheck_interval"], variables["admin-cluster_mysql_servers_sync_algorithm"]));
            await using var app = new MySqlConnector.MySqlConnection(AckedWriter.ConnectionString(proxy.Address, 6033));
            await app.OpenAsync();
            await using var command = new MySqlConnector.MySqlCommand("SELECT @@wsrep_node_name", app);
            Assert.Equal("node1", await command.ExecuteScalarAsync());
        }

        var (applied, output, applyError) = await Kbctl.RunAsync(lab, ["proxysql", "apply", .. Options()]);
        Assert.True(applied == 0, applyError + output);
        Assert.Contains("proxy3: runtime already matches: nothing to do", output, StringComparison.Ordinal);
        Assert.Contains("proxy4: runtime already matches: nothing to do", output, StringComparison.Ordinal);
    }
}
