using System.Text.Json;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Alerting;

/// <summary>A real Prometheus (Debian's package) scrapes the collector with a read-only token; the shipped rules and examples are valid.</summary>
[Collection(LabCollection.Name)]
public sealed class PrometheusTests(KeyBuzzLab lab)
{
    private static string Shipped(string file) => Path.Combine(RepoPaths.Root, "packaging", "prometheus", file);

    [Fact]
    public async Task Shipped_rules_and_alertmanager_example_are_valid()
    {
        var (rulesCode, rulesOut, rulesErr) = await Tool.RunAsync("promtool", ["check", "rules", Shipped("keybuzz-alerts.yml")]);
        var (amCode, amOut, amErr) = await Tool.RunAsync("amtool", ["check-config", Shipped("alertmanager.yml")]);

        Assert.True(rulesCode == 0, $"promtool check rules: {rulesOut} {rulesErr}");
        Assert.Contains("SUCCESS", rulesOut, StringComparison.Ordinal);
        Assert.True(amCode == 0, $"amtool check-config: {amOut} {amErr}");
    }

    [Fact]
    public async Task Real_prometheus_scrapes_the_collector()
    {
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));
        var dir = Path.Combine(lab.Cluster.Directory, "prometheus");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        Directory.CreateDirectory(dir);
        var tokenFile = Path.Combine(dir, "collector.token");
        await File.WriteAllTextAsync(tokenFile, lab.ReadOnlyToken);
        File.Copy(Shipped("keybuzz-alerts.yml"), Path.Combine(dir, "keybuzz-alerts.yml"));
        var port = KeyBuzzLab.FreePort();
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: [keybuzz-alerts.yml]
            scrape_configs:
              - job_name: keybuzz-collector
                authorization:
                  type: Bearer
                  credentials_file: {tokenFile}
                static_configs:
                  - targets: ["{new Uri(lab.HttpUrl).Authority}"]
            """);
        var (checkCode, checkOut, checkErr) = await Tool.RunAsync("promtool", ["check", "config", config]);
        Assert.True(checkCode == 0, $"promtool check config: {checkOut} {checkErr}");

        using var prometheus = ManagedProcess.Start(
            "prometheus",
            ["--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(dir, "data"), $"--web.listen-address=127.0.0.1:{port}"],
            new Dictionary<string, string>(),
            Path.Combine(dir, "prometheus.log"));
        try
        {
            var api = $"http://127.0.0.1:{port}/api/v1";
            await Poll.UntilAsync(
                async () =>
                {
                    var targets = await Http.JsonAsync(api + "/targets", null);
                    return targets.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Any(t => t.GetProperty("health").GetString() == "up");
                },
                TimeSpan.FromSeconds(30),
                "Prometheus reports the collector target up");
            var series = JsonDocument.Parse(await Poll.UntilAsync(
                async () =>
                {
                    var result = (await Http.JsonAsync(api + "/query?query=keybuzz_galera_cluster_size", null)).GetProperty("data").GetProperty("result");
                    return result.GetArrayLength() == 3 ? result.GetRawText() : null;
                },
                TimeSpan.FromSeconds(30),
                "Prometheus has keybuzz_galera_cluster_size for 3 nodes")).RootElement;
            Assert.All(series.EnumerateArray(), s =>
            {
                Assert.Equal("kblab", s.GetProperty("metric").GetProperty("cluster").GetString());
                Assert.Equal("3", s.GetProperty("value")[1].GetString());
            });
            var rules = await Http.JsonAsync(api + "/rules", null);
            Assert.Contains(rules.GetProperty("data").GetProperty("groups").EnumerateArray(), g => g.GetProperty("name").GetString() == "keybuzz-galera");
        }
        finally
        {
            await prometheus.StopAsync();
        }
    }
}
