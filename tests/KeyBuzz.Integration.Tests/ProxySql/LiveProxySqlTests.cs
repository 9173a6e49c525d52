using KeyBuzz.Contracts.V1;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>
/// A real ProxySQL in front of the lab, read by the real AOT agent in role "proxysql". ProxySQL is
/// not packaged for Debian: these run when `proxysql` is on PATH or KB_PROXYSQL_BIN names it, and are
/// reported as skipped otherwise.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class LiveProxySqlTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => Binary() is null ? Task.CompletedTask : lab.EnsureHealthyAsync();

    public Task DisposeAsync() => Binary() is null ? Task.CompletedTask : lab.EnsureHealthyAsync();

    private static string? Binary() =>
        Environment.GetEnvironmentVariable("KB_PROXYSQL_BIN") is { Length: > 0 } configured ? configured
        : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, "proxysql")).FirstOrDefault(File.Exists);

    [SkippableFact]
    public async Task Agent_reads_a_real_proxysql_and_kbctl_status_shows_its_writer_and_why()
    {
        var binary = Binary();
        Skip.If(binary is null, "no proxysql binary: put it on PATH or set KB_PROXYSQL_BIN (ProxySQL is not packaged for Debian)");
        using var dir = new TempDir();
        var config = Path.Combine(dir.Path, "proxysql.cnf");
        var servers = string.Join(",\n", Enumerable.Range(1, 3).Select(n =>
            $"  {{ address=\"{lab.Cluster.Address(n)}\", port=3306, hostgroup={(n == 1 ? 10 : 20)}, weight={1100 - (100 * n)} }}"));
        await File.WriteAllTextAsync(config, $$"""
            datadir="{{dir.Path}}"
            admin_variables = { admin_credentials="admin:admin;radmin:radmin" mysql_ifaces="127.0.0.21:6032" }
            mysql_variables = { interfaces="127.0.0.21:6033" monitor_username="kbmon" monitor_password="kbmon-lab"
                                monitor_galera_healthcheck_interval=1000 monitor_galera_healthcheck_timeout=800 }
            mysql_servers = (
            {{servers}}
            )
            mysql_users = ( { username="app", password="app-lab", default_hostgroup=10, transaction_persistent=1 } )
            mysql_galera_hostgroups = ( { writer_hostgroup=10, backup_writer_hostgroup=20, reader_hostgroup=30, offline_hostgroup=9999,
                                          active=1, max_writers=1, writer_is_also_reader=0, max_transactions_behind=256 } )
            """);
        using var proxysql = ManagedProcess.Start(binary!, ["-f", "--initial", "-c", config, "-D", dir.Path], new Dictionary<string, string>(), Path.Combine(dir.Path, "proxysql.log"));
        var agentDir = Path.Combine(dir.Path, "agent");
        Directory.CreateDirectory(agentDir);
        await File.WriteAllTextAsync(Path.Combine(agentDir, "token"), await lab.TokenAsync("add-agent", lab.Cluster.ClusterName, "proxy1"));
        var agentConfig = Path.Combine(agentDir, "agent.json");
        await File.WriteAllTextAsync(agentConfig, $$"""
            {
              "Agent": { "NodeName": "proxy1", "ClusterName": "{{lab.Cluster.ClusterName}}", "Role": "proxysql", "CollectorUrl": "{{lab.CollectorUrl}}",
                         "StateDirectory": "{{agentDir}}", "TokenFile": "{{Path.Combine(agentDir, "token")}}" },
              "ProxySql": { "Host": "127.0.0.21", "Port": 6032, "User": "radmin", "Password": "radmin" }
            }
            """);
        using var agent = ManagedProcess.Start(RepoPaths.Binary("agent/kb-agent"), ["--config", agentConfig], new Dictionary<string, string>(), Path.Combine(agentDir, "stdout.log"));
        try
        {
            var status = await Poll.UntilAsync(
                async () => (await Kbctl.RunAsync(lab, "status")) is { ExitCode: 0 } r && r.Output.Contains($"ProxySQL proxy1: writer (hostgroup 10) {lab.Cluster.Address(1)}:3306", StringComparison.Ordinal) ? r.Output : null,
                TimeSpan.FromSeconds(30), "kbctl status shows proxy1 routing writes to node1");
            Assert.Contains("ProxySQL's monitor will place", status, StringComparison.Ordinal);

            // Traffic through the frontend reaches only the writer.
            var seen = new HashSet<string>();
            for (var i = 0; i < 20; i++)
            {
                await using var connection = new MySqlConnector.MySqlConnection("Server=127.0.0.21;Port=6033;User ID=app;Password=app-lab;Database=erp;Pooling=false;Connection Timeout=3");
                await connection.OpenAsync();
                await using var command = new MySqlConnector.MySqlCommand("SELECT @@wsrep_node_name", connection);
                seen.Add((string)(await command.ExecuteScalarAsync())!);
            }

            Assert.Equal(["node1"], seen);

            // A killed writer is shown moved, with the reason from its Galera check.
            await lab.Cluster.RunAsync("kill", "1");
            await Poll.UntilAsync(
                async () =>
                {
                    using var json = System.Text.Json.JsonDocument.Parse((await Kbctl.RunAsync(lab, "status", "--json")).Output);
                    var proxy = json.RootElement.GetProperty("clusters").EnumerateArray().SelectMany(c => c.GetProperty("proxies").EnumerateArray())
                        .FirstOrDefault(p => p.GetProperty("name").GetString() == "proxy1");
                    return proxy.ValueKind == System.Text.Json.JsonValueKind.Object &&
                        proxy.GetProperty("writer").GetString() == $"{lab.Cluster.Address(2)}:3306" &&
                        proxy.GetProperty("backends").EnumerateArray().Any(b => b.GetProperty("endpoint").GetString() == $"{lab.Cluster.Address(1)}:3306" &&
                            b.GetProperty("role").GetString() != "writer" && !string.IsNullOrEmpty(b.GetProperty("reason").GetString()));
                },
                TimeSpan.FromSeconds(20), "proxy1 moved the writer to node2 and says why node1 left");
        }
        finally
        {
            await agent.StopAsync();
            await proxysql.StopAsync();
            // The stopped proxy must not alert in the tests that follow.
            await lab.Operations.SetMaintenanceAsync(new MaintenanceRequest { Cluster = lab.Cluster.ClusterName, Node = "proxy1", On = true, Reason = "live ProxySQL test ended" });
        }
    }

    [SkippableFact]
    public async Task Apply_configures_two_real_proxies_in_parallel_and_a_second_apply_changes_nothing()
    {
        var binary = Binary();
        Skip.If(binary is null, "no proxysql binary: put it on PATH or set KB_PROXYSQL_BIN (ProxySQL is not packaged for Debian)");
        using var dir = new TempDir();
        var started = new List<ManagedProcess>();
        try
        {
            foreach (var (name, ip) in new[] { ("proxy1", "127.0.0.21"), ("proxy2", "127.0.0.22") })
            {
                var data = Directory.CreateDirectory(Path.Combine(dir.Path, name)).FullName;
                var config = Path.Combine(data, "proxysql.cnf");
                await File.WriteAllTextAsync(config, $$"""
                    datadir="{{data}}"
                    admin_variables = { admin_credentials="admin:admin;radmin:radmin" mysql_ifaces="{{ip}}:6032" }
                    mysql_variables = { interfaces="{{ip}}:6033" }
                    """);
                started.Add(ManagedProcess.Start(binary!, ["-f", "--initial", "-c", config, "-D", data], new Dictionary<string, string>(), Path.Combine(data, "proxysql.log")));
            }

            var inventory = Path.Combine(dir.Path, "servers.tsv");
            await File.WriteAllTextAsync(inventory, "hostname\tprivate_ip\trole\tcluster\n" +
                string.Concat(Enumerable.Range(1, 3).Select(n => $"node{n}\t{lab.Cluster.Address(n)}\tmariadb\tkblab\n")) +
                "proxy1\t127.0.0.21\tproxysql\tkblab\nproxy2\t127.0.0.22\tproxysql\tkblab\n");
            foreach (var (file, text) in new[] { ("app.pw", "app-lab"), ("mon.pw", "kbmon-lab"), ("admin.pw", "radmin"), ("cluster.pw", "clusterpw") })
            {
                await File.WriteAllTextAsync(Path.Combine(dir.Path, file), text);
            }

            string[] Args(params string[] extra) => ["proxysql", "apply", inventory, "--cluster", "kblab", "--app-users", $"app:{Path.Combine(dir.Path, "app.pw")}",
                "--monitor-user", "kbmon", "--monitor-password-file", Path.Combine(dir.Path, "mon.pw"), "--admin-user", "radmin",
                "--admin-password-file", Path.Combine(dir.Path, "admin.pw"), "--cluster-password-file", Path.Combine(dir.Path, "cluster.pw"), .. extra];
            var first = await Poll.UntilAsync(
                async () => await Kbctl.RunAsync(lab, Args()) is { ExitCode: 0 } r ? r.Output : null,
                TimeSpan.FromSeconds(30), "kbctl proxysql apply succeeds on both fresh proxies");
            Assert.Contains("proxy1: MYSQL SERVERS loaded, read back from runtime, saved to disk", first, StringComparison.Ordinal);
            Assert.Contains("proxy2: MYSQL SERVERS loaded, read back from runtime, saved to disk", first, StringComparison.Ordinal);
            var second = await Kbctl.RunAsync(lab, Args());
            Assert.Equal(0, second.ExitCode);
            Assert.Contains("proxy1: runtime already matches: nothing to do", second.Output, StringComparison.Ordinal);
            Assert.Contains("proxy2: runtime already matches: nothing to do", second.Output, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var p in started)
            {
                await p.StopAsync();
                p.Dispose();
            }
        }
    }
}
