using System.Text.Json;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Alerting;

/// <summary>
/// Kill a node whose agent is stopped (so self-repair does not bring it back at once): the collector's
/// GaleraClusterShrunk alert fires in its API and in a real Alertmanager, and resolves once the node is back.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class AlertmanagerTests(KeyBuzzLab lab)
{
    [Fact]
    public async Task Killed_node_alert_reaches_alertmanager_and_resolves()
    {
        await lab.EnsureHealthyAsync();
        var dir = Path.Combine(lab.Cluster.Directory, "alertmanager");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "alertmanager.yml");
        await File.WriteAllTextAsync(config, """
            route:
              receiver: "null"
            receivers:
              - name: "null"
            """);
        using var alertmanager = ManagedProcess.Start(
            "prometheus-alertmanager",
            ["--config.file=" + config, "--storage.path=" + Path.Combine(dir, "data"), $"--web.listen-address=127.0.0.1:{lab.AlertmanagerPort}", "--cluster.listen-address="],
            new Dictionary<string, string>(),
            Path.Combine(dir, "alertmanager.log"));
        var amAlerts = $"http://127.0.0.1:{lab.AlertmanagerPort}/api/v2/alerts";
        var since = DateTimeOffset.UtcNow;
        try
        {
            await Poll.UntilAsync(async () => (await Http.GetAsync($"http://127.0.0.1:{lab.AlertmanagerPort}/-/ready", null)).Status == 200, TimeSpan.FromSeconds(20), "Alertmanager ready");
            await lab.StopAgentAsync(3);
            await lab.Cluster.RunAsync("kill", "3");

            var firing = JsonDocument.Parse(await Poll.UntilAsync(
                async () => (await Http.JsonAsync(lab.HttpUrl + "/api/v1/alerts", lab.ReadOnlyToken)).GetProperty("alerts").EnumerateArray()
                    .Where(a => a.GetProperty("name").GetString() == "GaleraClusterShrunk" && a.GetProperty("state").GetString() == "firing")
                    .Select(a => a.GetRawText()).FirstOrDefault(),
                TimeSpan.FromSeconds(60),
                "GaleraClusterShrunk firing in /api/v1/alerts")).RootElement;
            Assert.Equal("kblab", firing.GetProperty("cluster").GetString());
            Assert.Contains("2 of 3", firing.GetProperty("summary").GetString(), StringComparison.Ordinal);
            Assert.True(firing.TryGetProperty("startsAt", out _));

            var received = JsonDocument.Parse(await Poll.UntilAsync(
                async () => (await Http.JsonAsync(amAlerts, null)).EnumerateArray()
                    .Where(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "GaleraClusterShrunk")
                    .Select(a => a.GetRawText()).FirstOrDefault(),
                TimeSpan.FromSeconds(30),
                "Alertmanager received GaleraClusterShrunk")).RootElement;
            Assert.Equal("kblab", received.GetProperty("labels").GetProperty("cluster").GetString());
            Assert.Equal("warning", received.GetProperty("labels").GetProperty("severity").GetString());
            Assert.Equal("active", received.GetProperty("status").GetProperty("state").GetString());

            await lab.Cluster.RunAsync("start", "3");
            lab.StartAgent(3);
            await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(120));
            await Poll.UntilAsync(
                async () => !(await Http.JsonAsync(lab.HttpUrl + "/api/v1/alerts", lab.ReadOnlyToken)).GetProperty("alerts").EnumerateArray()
                    .Any(a => a.GetProperty("name").GetString() == "GaleraClusterShrunk"),
                TimeSpan.FromSeconds(30),
                "GaleraClusterShrunk gone from /api/v1/alerts");
            await Poll.UntilAsync(
                async () => !(await Http.JsonAsync(amAlerts, null)).EnumerateArray()
                    .Any(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "GaleraClusterShrunk"),
                TimeSpan.FromSeconds(30),
                "Alertmanager shows GaleraClusterShrunk resolved");

            var events = (await Http.JsonAsync($"{lab.HttpUrl}/api/v1/events?since={since.ToUnixTimeSeconds()}&kind=alert", lab.ReadOnlyToken)).GetProperty("events").EnumerateArray()
                .Where(e => e.GetProperty("name").GetString() == "GaleraClusterShrunk")
                .Select(e => e.GetProperty("state").GetString())
                .ToList();
            Assert.Equal(["pending", "firing", "resolved"], events.Distinct());
        }
        finally
        {
            await alertmanager.StopAsync();
            await lab.EnsureHealthyAsync();
        }
    }
}
