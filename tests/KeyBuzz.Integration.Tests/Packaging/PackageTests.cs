using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Packaging;

/// <summary>
/// The .deb packages from packaging/deb/build.sh (built and lintian-checked by tests/run.sh) install on
/// this Debian, verify with systemd-analyze, start nothing on their own, and the collector runs as the
/// packaged user with the packaged config.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class PackageTests(KeyBuzzLab lab)
{
    private static readonly string[] Units = ["keybuzz-agent.service", "keybuzz-collector.service", "keybuzz-wsrep-recover.service", "keybuzz-galera-bootstrap.service"];

    private static string[] Debs()
    {
        var dir = Path.Combine(RepoPaths.Artifacts, "deb");
        var debs = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.deb") : [];
        return debs.Length == 3 ? debs : throw new InvalidOperationException($"expected 3 packages in {dir}: run packaging/deb/build.sh (tests/run.sh does)");
    }

    private static async Task<string> RunOkAsync(string file, params string[] args)
    {
        var (code, output, error) = await Tool.RunAsync(file, args, new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" });
        Assert.True(code == 0, $"{file} {string.Join(' ', args)} exited {code}: {output} {error}");
        return output + error;
    }

    /// <summary>Processes running a packaged binary (the lab's agents run from artifacts/, not from here).</summary>
    private static List<string> PackagedProcesses() =>
        Directory.GetDirectories("/proc").Select(d => Path.Combine(d, "exe"))
            .Select(exe => { try { return new FileInfo(exe).LinkTarget; } catch (IOException) { return null; } catch (UnauthorizedAccessException) { return null; } })
            .OfType<string>()
            .Where(t => t is "/usr/bin/kb-agent" or "/usr/lib/keybuzz-collector/kb-collector")
            .ToList();

    [Fact]
    public async Task Packages_install_verify_and_run_as_the_keybuzz_user()
    {
        await RunOkAsync("apt-get", ["install", "-y", "-q", .. Debs()]);
        try
        {
            var verify = await RunOkAsync("systemd-analyze", ["verify", .. Units.Select(u => "/lib/systemd/system/" + u)]);
            Assert.DoesNotContain("Unknown key", verify, StringComparison.Ordinal);
            Assert.Empty(PackagedProcesses()); // installing starts nothing

            Assert.Contains("(mysql)", await RunOkAsync("id", ["keybuzz"]), StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode("/etc/keybuzz/agent.json"));
            Assert.True(Directory.Exists("/var/lib/keybuzz/agent") && Directory.Exists("/var/lib/keybuzz/collector"));
            Assert.True(File.Exists("/usr/share/polkit-1/rules.d/50-keybuzz-agent.rules"));

            // The rolling-apply fragment directory: written by the agent, read by mariadbd as mysql.
            Assert.Equal("keybuzz:mysql 2750", (await RunOkAsync("stat", ["-c", "%U:%G %a", "/etc/keybuzz/galera.d"])).Trim());
            const string fragment = "/etc/keybuzz/galera.d/70-keybuzz-tuning.cnf";
            await RunOkAsync("runuser", ["-u", "keybuzz", "--", "sh", "-c", $"printf '[mariadbd]\\nmax_connections=321\\n' > {fragment}"]);
            try
            {
                Assert.Contains("--max_connections=321", await RunOkAsync("runuser", ["-u", "mysql", "--", "my_print_defaults", "mariadbd"]), StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(fragment);
            }

            // The shipped agent config is deliberately incomplete: the agent refuses it with reasons.
            var (agentCode, _, agentError) = await Tool.RunAsync("runuser", ["-u", "keybuzz", "--", "/usr/bin/kb-agent", "--config", "/etc/keybuzz/agent.json", "--check-config"]);
            Assert.Equal(78, agentCode);
            Assert.Contains("Agent:NodeName", agentError, StringComparison.Ordinal);

            var token = (await RunOkAsync("/usr/sbin/keybuzz-tokens", ["add-operator", "package-test", "--role", "readonly"])).Trim();
            var grpc = $"http://127.0.0.1:{KeyBuzzLab.FreePort()}";
            var http = $"http://127.0.0.1:{KeyBuzzLab.FreePort()}";
            using var collector = ManagedProcess.Start(
                "runuser",
                ["-u", "keybuzz", "--", "env", $"KEYBUZZ_Collector__ListenUrl={grpc}", $"KEYBUZZ_Collector__HttpListenUrl={http}", "/usr/bin/kb-collector", "--config", "/etc/keybuzz/collector.json"],
                new Dictionary<string, string>(),
                Path.Combine(Path.GetTempPath(), "kb-package-collector.log"));
            try
            {
                await Poll.UntilAsync(async () => (await Http.GetAsync(http + "/readyz", null)).Status == 200, TimeSpan.FromSeconds(30), "the packaged collector is ready");
                var status = await RunOkAsync("/usr/bin/kbctl", ["--collector", grpc, "--token", token, "status"]);
                Assert.Contains("No agent has reported", status, StringComparison.Ordinal);
                Assert.Equal("keybuzz", (await RunOkAsync("stat", ["-c", "%U", "/var/lib/keybuzz/collector/history.db"])).Trim());

                // The packaged agent, as the packaged user, reports a lab node to the packaged collector.
                await File.WriteAllTextAsync("/etc/keybuzz/agent.token", (await RunOkAsync("/usr/sbin/keybuzz-tokens", ["add-agent", "kblab", "node1"])).Trim());
                await RunOkAsync("chgrp", ["keybuzz", "/etc/keybuzz/agent.token"]);
                await RunOkAsync("chmod", ["0640", "/etc/keybuzz/agent.token"]);
                await File.WriteAllTextAsync("/etc/keybuzz/agent.json", $$"""
                    {
                      "Agent": { "NodeName": "node1", "ClusterName": "kblab", "CollectorUrl": "{{grpc}}", "TokenFile": "/etc/keybuzz/agent.token", "StateDirectory": "/var/lib/keybuzz/agent" },
                      "Galera": { "Host": "{{lab.Cluster.Address(1)}}", "User": "kbmon", "Password": "kbmon-lab", "DataDirectory": "{{lab.Cluster.DataDirectory(1)}}", "PidFile": "{{lab.Cluster.PidFile(1)}}" },
                      "Repair": { "Enabled": false }
                    }
                    """);
                using var agent = ManagedProcess.Start(
                    "runuser", ["-u", "keybuzz", "--", "/usr/bin/kb-agent", "--config", "/etc/keybuzz/agent.json"],
                    new Dictionary<string, string>(), Path.Combine(Path.GetTempPath(), "kb-package-agent.log"));
                try
                {
                    await Poll.UntilAsync(
                        async () =>
                        {
                            var (code, output, _) = await Tool.RunAsync("/usr/bin/kbctl", ["--collector", grpc, "--token", token, "status", "--json"]);
                            return code == 0 && output.Contains("\"name\": \"node1\"", StringComparison.Ordinal) && output.Contains("\"localState\": \"Synced\"", StringComparison.Ordinal);
                        },
                        TimeSpan.FromSeconds(30),
                        "the packaged agent's node1 is Synced in the packaged collector");
                }
                finally
                {
                    await agent.StopAsync();
                }
            }
            finally
            {
                await collector.StopAsync();
                File.Delete("/etc/keybuzz/agent.token");
            }
        }
        finally
        {
            await RunOkAsync("apt-get", ["purge", "-y", "-q", "keybuzz-agent", "keybuzz-collector", "kbctl"]);
        }

        Assert.False(Directory.Exists("/var/lib/keybuzz/collector"), "purge removes the collector's state");
    }
}
