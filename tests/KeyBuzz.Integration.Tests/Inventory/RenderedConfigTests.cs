using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Inventory;

/// <summary>What `kbctl inventory render` writes is accepted as is by the real agent binary, for both roles.</summary>
public sealed class RenderedConfigTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kb-inventory-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("db1", "galera")]
    [InlineData("proxy1", "proxysql")]
    public async Task Rendered_agent_config_passes_the_agents_own_check(string host, string role)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "servers.tsv"),
            "hostname\tprivate_ip\trole\tcluster\ndb1\t10.0.0.11\tmariadb\terp\ndb2\t10.0.0.12\tmariadb\terp\ndb3\t10.0.0.13\tmariadb\terp\nproxy1\t10.0.0.21\tproxysql\terp\nmon1\t10.0.0.5\tcollector\t-\n");
        var (renderCode, _, renderError) = await Tool.RunAsync(RepoPaths.Binary("kbctl/kbctl"), ["inventory", "render", "servers.tsv", "--out", "out"], workingDirectory: _dir);
        Assert.True(renderCode == 0, renderError);
        Assert.Contains($"\"Role\": \"{role}\"", await File.ReadAllTextAsync(Path.Combine(_dir, "out", host, "agent.json")), StringComparison.Ordinal);

        // The node's token and CA are installed later (setup.sh); stand in for them, keep everything else as rendered.
        var token = Path.Combine(_dir, "agent.token");
        await File.WriteAllTextAsync(token, "kb-test-token");
        File.SetUnixFileMode(token, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (code, output, error) = await Tool.RunAsync(RepoPaths.Binary("agent/kb-agent"), ["--config", $"out/{host}/agent.json", "--check-config"],
            new Dictionary<string, string> { ["KEYBUZZ_Agent__TokenFile"] = token, ["KEYBUZZ_Agent__CollectorCaFile"] = string.Empty }, _dir);

        Assert.True(code == 0, $"{output} {error}");
        Assert.Contains($"out/{host}/agent.json is valid", output, StringComparison.Ordinal);
    }
}
