using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>
/// The lab's two real ProxySQL 2.7 nodes, configured by `kbctl proxysql apply` and read by the real
/// AOT agents in role "proxysql". Reported as skipped without a ProxySQL binary (ProxySqlBinary).
/// </summary>
[Collection(LabCollection.Name)]
public sealed class LiveProxySqlTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.Cluster.HasProxies ? lab.EnsureHealthyAsync() : Task.CompletedTask;

    public Task DisposeAsync() => lab.Cluster.HasProxies ? lab.EnsureHealthyAsync() : Task.CompletedTask;

    [SkippableFact]
    public async Task Agents_read_both_live_proxies_and_every_connection_reaches_the_one_writer()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        var writer = await ProxyLab.WriterAsync(lab);
        var writerNode = $"node{ProxyLab.NodeOf(lab, writer)}";

        var (code, output, error) = await Kbctl.RunAsync(lab, "status");
        Assert.True(code == 0, error);
        foreach (var p in LabProxies.All)
        {
            Assert.Contains($"ProxySQL proxy{p}: writer (hostgroup 10) {writer}", output, StringComparison.Ordinal);
        }

        Assert.Contains("ProxySQL's monitor will place", output, StringComparison.Ordinal);
        var status = await lab.StatusAsync();
        foreach (var p in LabProxies.All)
        {
            var proxy = ProxyLab.Proxy(status, p)!;
            Assert.True(proxy.Error.Length == 0 && proxy.Problems.Count == 0, $"proxy{p}: {proxy.Error} {string.Join("; ", proxy.Problems)}");
            Assert.Equal(3, proxy.Backends.Select(b => b.Endpoint).Distinct().Count());
            // Every backend's role comes with the reason from its latest Galera check: the agent ships the galera log.
            Assert.All(proxy.Backends, b => Assert.False(string.IsNullOrEmpty(b.Reason), $"proxy{p} {b.Endpoint} {b.Role}"));
        }

        foreach (var p in LabProxies.All)
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(writerNode, await ProxyLab.AnsweringNodeAsync(lab, p));
            }
        }
    }

    [SkippableFact]
    public async Task A_killed_writer_is_moved_on_both_proxies_with_the_reason()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        var writer = await ProxyLab.WriterAsync(lab);
        var node = ProxyLab.NodeOf(lab, writer);

        await lab.Cluster.RunAsync("kill", $"{node}");

        await Poll.UntilAsync(
            async () =>
            {
                var status = await lab.StatusAsync();
                return LabProxies.All.Select(p => ProxyLab.Proxy(status, p)).All(p =>
                    p is not null && p.Writer.Length > 0 && p.Writer != writer &&
                    p.Backends.Any(b => b.Endpoint == writer && b.Role != "writer" && b.Reason.Length > 0));
            },
            TimeSpan.FromSeconds(20), "both proxies moved the writer off the killed node and say why");
        var changed = await Poll.UntilAsync(() => ProxyLab.FiringAsync(lab, "ProxySQLWriterChanged"), TimeSpan.FromSeconds(15), "ProxySQLWriterChanged fires");
        Assert.Contains(writer, changed.Summary, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Proxy_readings_are_kept_in_history_with_ConnUsed_per_backend_and_never_as_database_nodes()
    {
        Skip.If(!lab.Cluster.HasProxies, ProxySqlBinary.SkipReason);
        var writer = await ProxyLab.WriterAsync(lab);

        // An open transaction pins its backend connection (multiplexing cannot return it to the pool): ConnUsed >= 1.
        await using var held = new MySqlConnector.MySqlConnection(AckedWriter.ConnectionString(lab.Cluster.ProxyAddress(1), 6033));
        await held.OpenAsync();
        await using (var begin = new MySqlConnector.MySqlCommand("START TRANSACTION; SELECT COUNT(*) FROM information_schema.tables", held))
        {
            await begin.ExecuteScalarAsync();
        }

        var connUsed = Uri.EscapeDataString($"ConnUsed:{writer}");
        await Poll.UntilAsync(
            async () =>
            {
                var history = await Http.JsonAsync($"{lab.HttpUrl}/api/v1/history/proxy1?cluster=kblab&metric={connUsed}&since=20s", lab.ReadOnlyToken);
                return history.GetProperty("points").EnumerateArray().Any(p => p.GetProperty("value") is { ValueKind: System.Text.Json.JsonValueKind.Number } v && v.GetDouble() >= 1);
            },
            TimeSpan.FromSeconds(20),
            "proxy1's history shows the backend connection held through it");

        var questions = await Http.JsonAsync($"{lab.HttpUrl}/api/v1/history/proxy2?cluster=kblab&metric=Questions&since=60s&step=10s", lab.ReadOnlyToken);
        Assert.NotEmpty(questions.GetProperty("buckets").EnumerateArray());
        Assert.Equal("raw", questions.GetProperty("source").GetString());

        // The recovery evidence and the cluster's nodes come from the MariaDB history: a proxy never appears there.
        var status = await lab.StatusAsync();
        Assert.DoesNotContain(status.Clusters.Single(c => c.Name == "kblab").Nodes, n => n.Name.StartsWith("proxy", StringComparison.Ordinal));
    }
}
