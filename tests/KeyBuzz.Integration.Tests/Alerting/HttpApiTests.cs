using System.Text.Json;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Alerting;

/// <summary>The collector's HTTP API on the real lab: status codes, JSON shape, auth per role.</summary>
[Collection(LabCollection.Name)]
public sealed class HttpApiTests(KeyBuzzLab lab)
{
    private async Task<string> AgentTokenAsync() => (await File.ReadAllTextAsync(Path.Combine(lab.Cluster.Directory, "agent1", "token"))).Trim();

    [Fact]
    public async Task Health_probes_answer_without_a_token()
    {
        Assert.Equal(200, (await Http.GetAsync(lab.HttpUrl + "/healthz", null)).Status);
        await Poll.UntilAsync(async () => (await Http.GetAsync(lab.HttpUrl + "/readyz", null)).Status == 200, TimeSpan.FromSeconds(10), "/readyz is 200");
    }

    [Theory]
    [InlineData("/api/v1/clusters")]
    [InlineData("/api/v1/alerts")]
    [InlineData("/api/v1/events")]
    [InlineData("/metrics")]
    public async Task Api_refuses_missing_unknown_and_agent_tokens(string path)
    {
        var (none, noneBody) = await Http.GetAsync(lab.HttpUrl + path, null);
        var (unknown, _) = await Http.GetAsync(lab.HttpUrl + path, "kb_never-issued");
        var (agent, agentBody) = await Http.GetAsync(lab.HttpUrl + path, await AgentTokenAsync());
        var (viewer, _) = await Http.GetAsync(lab.HttpUrl + path, lab.ReadOnlyToken);

        Assert.Equal(401, none);
        Assert.Contains("missing or unknown token", JsonDocument.Parse(noneBody).RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(401, unknown);
        Assert.Equal(403, agent);
        Assert.Contains("agent token", agentBody, StringComparison.Ordinal);
        Assert.Equal(200, viewer);
    }

    [Fact]
    public async Task Clusters_list_and_detail_have_the_documented_fields()
    {
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));
        var list = await Http.JsonAsync(lab.HttpUrl + "/api/v1/clusters", lab.ReadOnlyToken);
        var cluster = Assert.Single(list.GetProperty("clusters").EnumerateArray());
        Assert.Equal("kblab", cluster.GetProperty("name").GetString());
        Assert.Equal(3, cluster.GetProperty("nodeCount").GetInt32());
        Assert.True(list.TryGetProperty("now", out _));

        var detail = await Http.JsonAsync(lab.HttpUrl + "/api/v1/clusters/kblab", lab.ReadOnlyToken);
        var nodes = detail.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(["node1", "node2", "node3"], nodes.Select(n => n.GetProperty("name").GetString()));
        Assert.All(nodes, n =>
        {
            Assert.Equal("Synced", n.GetProperty("localState").GetString());
            Assert.Equal(3, n.GetProperty("clusterSize").GetInt64());
            Assert.True(n.GetProperty("reporting").GetBoolean());
        });

        Assert.Equal(404, (await Http.GetAsync(lab.HttpUrl + "/api/v1/clusters/no-such-cluster", lab.ReadOnlyToken)).Status);
    }

    [Fact]
    public async Task History_returns_raw_points_or_buckets_at_a_step()
    {
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));
        var raw = await Http.JsonAsync(lab.HttpUrl + "/api/v1/history/node1?metric=wsrep_cluster_size&since=30s", lab.ReadOnlyToken);
        Assert.NotEmpty(raw.GetProperty("points").EnumerateArray());
        Assert.Equal("raw", raw.GetProperty("source").GetString());

        var stepped = await Http.JsonAsync(lab.HttpUrl + "/api/v1/history/node1?metric=wsrep_cluster_size&since=60s&step=10s", lab.ReadOnlyToken);
        var buckets = stepped.GetProperty("buckets").EnumerateArray().ToList();
        Assert.NotEmpty(buckets);
        Assert.Equal(10, stepped.GetProperty("stepSeconds").GetInt64());
        Assert.All(buckets, b => Assert.True(b.GetProperty("count").GetInt64() is > 0 and <= 20));
        Assert.All(buckets, b => Assert.Equal(0, DateTimeOffset.Parse(b.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds() % 10));

        var (badStep, badBody) = await Http.GetAsync(lab.HttpUrl + "/api/v1/history/node1?metric=wsrep_cluster_size&step=often", lab.ReadOnlyToken);
        Assert.Equal(400, badStep);
        Assert.Contains("step", badBody, StringComparison.Ordinal);
        Assert.Equal(404, (await Http.GetAsync(lab.HttpUrl + "/api/v1/history/node9?metric=x", lab.ReadOnlyToken)).Status);
    }

    [Fact]
    public async Task Metrics_pass_promtool_and_carry_per_node_series()
    {
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));
        var (status, body) = await Http.GetAsync(lab.HttpUrl + "/metrics", lab.ReadOnlyToken);
        Assert.Equal(200, status);
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            Assert.Contains($"keybuzz_galera_cluster_size{{cluster=\"kblab\",node=\"{node}\"}} 3", body, StringComparison.Ordinal);
        }

        Assert.Contains("keybuzz_collector_readings_stored_total", body, StringComparison.Ordinal);
        Assert.Contains($"keybuzz_collector_agent_streams {3 + (lab.Cluster.HasProxies ? LabProxies.All.Length : 0)}", body, StringComparison.Ordinal);
        Assert.Contains("keybuzz_collector_litedb_write_seconds_bucket", body, StringComparison.Ordinal);

        var file = Path.Combine(lab.Cluster.Directory, "metrics.txt");
        await File.WriteAllTextAsync(file, body);
        var (code, output, error) = await Tool.RunAsync("/bin/sh", ["-c", $"promtool check metrics < '{file}'"]);
        Assert.True(code == 0, $"promtool check metrics: {output} {error}");
    }

    [Fact]
    public async Task Kbctl_alerts_events_and_stepped_history_work()
    {
        var (alertsCode, alerts, alertsError) = await Kbctl.RunWithTokenAsync(lab, lab.ReadOnlyToken, "alerts");
        var (eventsCode, _, eventsError) = await Kbctl.RunWithTokenAsync(lab, lab.ReadOnlyToken, "events", "--since", "1d");
        var (historyCode, history, historyError) = await Kbctl.RunWithTokenAsync(lab, lab.ReadOnlyToken, "history", "node1", "--metric", "wsrep_cluster_size", "--since", "2m", "--step", "30s");
        var (badCode, _, badError) = await Kbctl.RunWithTokenAsync(lab, lab.ReadOnlyToken, "events", "--kind", "nonsense");

        Assert.True(alertsCode == 0, alertsError);
        Assert.True(alerts.Contains("No alert", StringComparison.Ordinal) || alerts.Contains("SEVERITY", StringComparison.Ordinal), alerts);
        Assert.True(eventsCode == 0, eventsError);
        Assert.True(historyCode == 0, historyError);
        Assert.Contains("step 30s", history, StringComparison.Ordinal);
        Assert.Contains("AVG", history, StringComparison.Ordinal);
        Assert.Equal(64, badCode);
        Assert.Contains("--kind", badError, StringComparison.Ordinal);
    }
}
