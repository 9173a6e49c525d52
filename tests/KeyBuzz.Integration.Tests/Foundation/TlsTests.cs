using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Foundation;

/// <summary>
/// Tokens over TLS: a second collector with a certificate from `kb-collector tls init`, a real agent
/// and kbctl trusting the cluster CA; clients without the CA, or with another CA, are refused.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class TlsTests(KeyBuzzLab lab)
{
    private static async Task<string> TlsInitAsync(string dir)
    {
        var (code, output, error) = await Tool.RunAsync(RepoPaths.Binary("collector/kb-collector"), ["tls", "init", "--out", dir, "--ip", "127.0.0.1"]);
        Assert.True(code == 0, error);
        return output;
    }

    private string AgentConfig(string dir, string url, string caFile)
    {
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "agent.json");
        File.WriteAllText(config, $$"""
            {
              "Agent": { "NodeName": "node1", "ClusterName": "kblab", "CollectorUrl": "{{url}}", "CollectorCaFile": "{{caFile}}",
                         "StateDirectory": "{{dir}}", "ReconnectMaxMs": 1000, "TokenFile": "{{Path.Combine(lab.Cluster.Directory, "agent1", "token")}}" },
              "Galera": { "Host": "{{lab.Cluster.Address(1)}}", "User": "kbmon", "Password": "kbmon-lab", "DataDirectory": "{{lab.Cluster.DataDirectory(1)}}", "PidFile": "{{lab.Cluster.PidFile(1)}}" },
              "Repair": { "Enabled": false }
            }
            """);
        return config;
    }

    [Fact]
    public async Task Agent_and_kbctl_talk_to_a_tls_collector_only_with_the_cluster_ca()
    {
        var root = Path.Combine(lab.Cluster.Directory, "tls");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var pki = Path.Combine(root, "pki");
        Assert.Contains("created CA", await TlsInitAsync(pki), StringComparison.Ordinal);
        Assert.Contains("reused CA", await TlsInitAsync(pki), StringComparison.Ordinal); // renewal keeps the CA agents trust
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(pki, "collector.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(pki, "ca.key")));
        var otherPki = Path.Combine(root, "other-pki");
        await TlsInitAsync(otherPki);

        var grpcUrl = $"https://127.0.0.1:{KeyBuzzLab.FreePort()}";
        using var collector = ManagedProcess.Start(
            RepoPaths.Binary("collector/kb-collector"),
            [],
            new Dictionary<string, string>
            {
                ["KEYBUZZ_Collector__ListenUrl"] = grpcUrl,
                ["KEYBUZZ_Collector__HttpListenUrl"] = $"https://127.0.0.1:{KeyBuzzLab.FreePort()}",
                ["KEYBUZZ_Collector__TlsCertificateFile"] = Path.Combine(pki, "collector.crt"),
                ["KEYBUZZ_Collector__TlsKeyFile"] = Path.Combine(pki, "collector.key"),
                ["KEYBUZZ_Collector__DataDirectory"] = Path.Combine(root, "collector"),
                ["KEYBUZZ_Auth__TokensFile"] = lab.TokensFile,
                ["KEYBUZZ_Recovery__AutoBootstrap"] = "false",
            },
            Path.Combine(root, "collector.log"));
        using var agent = ManagedProcess.Start(RepoPaths.Binary("agent/kb-agent"), ["--config", AgentConfig(Path.Combine(root, "agent"), grpcUrl, Path.Combine(pki, "ca.crt"))], new Dictionary<string, string>(), Path.Combine(root, "agent.log"));
        using var stranger = ManagedProcess.Start(RepoPaths.Binary("agent/kb-agent"), ["--config", AgentConfig(Path.Combine(root, "stranger"), grpcUrl, Path.Combine(otherPki, "ca.crt"))], new Dictionary<string, string>(), Path.Combine(root, "stranger.log"));
        try
        {
            var ca = Path.Combine(pki, "ca.crt");
            await Poll.UntilAsync(
                async () =>
                {
                    var (code, output, _) = await Tool.RunAsync(RepoPaths.Binary("kbctl/kbctl"), ["--collector", grpcUrl, "--ca", ca, "--token", lab.ReadOnlyToken, "status"]);
                    return code == 0 && output.Contains("node1", StringComparison.Ordinal);
                },
                TimeSpan.FromSeconds(30),
                "kbctl with the cluster CA sees node1 through the TLS collector");

            var (noCaCode, _, noCaError) = await Tool.RunAsync(RepoPaths.Binary("kbctl/kbctl"), ["--collector", grpcUrl, "--token", lab.ReadOnlyToken, "status"]);
            Assert.Equal(2, noCaCode);
            Assert.Contains("--ca", noCaError, StringComparison.Ordinal);

            await Poll.UntilAsync(
                () => Task.FromResult(stranger.ReadLog().Contains("SSL", StringComparison.Ordinal) || stranger.ReadLog().Contains("certificate", StringComparison.OrdinalIgnoreCase)),
                TimeSpan.FromSeconds(20),
                "an agent trusting another CA refuses the collector's certificate");
        }
        finally
        {
            await stranger.StopAsync();
            await agent.StopAsync();
            await collector.StopAsync();
        }
    }

    [Theory]
    [InlineData("https without a certificate", "https://127.0.0.1:17399", "", "no certificate is configured")]
    [InlineData("tokens in clear text off loopback", "http://0.0.0.0:17399", "", "clear text")]
    [InlineData("certificate without https", "http://127.0.0.1:17399", "cert", "must be https://")]
    public async Task Unsafe_transport_settings_are_refused(string name, string url, string cert, string expected)
    {
        var pki = Path.Combine(lab.Cluster.Directory, "tls-check");
        if (!File.Exists(Path.Combine(pki, "collector.crt")))
        {
            await TlsInitAsync(pki);
        }

        var env = new Dictionary<string, string>
        {
            ["KEYBUZZ_Collector__ListenUrl"] = url,
            ["KEYBUZZ_Collector__HttpListenUrl"] = url.Replace("17399", "17398", StringComparison.Ordinal),
            ["KEYBUZZ_Collector__DataDirectory"] = Path.Combine(pki, "data"),
            ["KEYBUZZ_Auth__TokensFile"] = lab.TokensFile,
        };
        if (cert.Length > 0)
        {
            env["KEYBUZZ_Collector__TlsCertificateFile"] = Path.Combine(pki, "collector.crt");
            env["KEYBUZZ_Collector__TlsKeyFile"] = Path.Combine(pki, "collector.key");
        }

        var (code, output, error) = await Tool.RunAsync(RepoPaths.Binary("collector/kb-collector"), ["--check-config"], env);

        Assert.True(code != 0, $"{name}: accepted ({output})");
        Assert.Contains(expected, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal); // no stack trace
    }
}
