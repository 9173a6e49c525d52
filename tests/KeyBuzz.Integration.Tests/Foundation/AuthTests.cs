using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Foundation;

[Collection(LabCollection.Name)]
public sealed class AuthTests(KeyBuzzLab lab)
{
    [Fact]
    public async Task Kbctl_without_a_token_is_refused()
    {
        var (code, output, error) = await Kbctl.RunWithTokenAsync(lab, null, "status");

        Assert.Equal(3, code);
        Assert.Empty(output);
        Assert.Contains("missing or unknown token", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_only_token_reads_but_cannot_change_maintenance_or_approve()
    {
        var (statusCode, status, statusError) = await Kbctl.RunWithTokenAsync(lab, lab.ReadOnlyToken, "status");
        var (maintenanceCode, _, maintenanceError) = await Kbctl.RunWithTokenAsync(lab, lab.ReadOnlyToken, "maintenance", "on", "node1");
        var (approveCode, _, approveError) = await Kbctl.RunWithTokenAsync(lab, lab.ReadOnlyToken, "bootstrap", "approve", "1");

        Assert.True(statusCode == 0, statusError);
        Assert.Contains("Cluster kblab", status, StringComparison.Ordinal);
        Assert.Equal(3, maintenanceCode);
        Assert.Contains("only an admin token", maintenanceError, StringComparison.Ordinal);
        Assert.Equal(3, approveCode);
        Assert.Contains("only an admin token", approveError, StringComparison.Ordinal);
        Assert.False(KeyBuzzLab.Node(await lab.StatusAsync(), "node1")!.Maintenance);
    }

    [Theory]
    [InlineData("unknown token", "node1", "kb_this-token-was-never-issued", "Unauthenticated")]
    [InlineData("node1's token claiming node2", "node2", null, "PermissionDenied")]
    public async Task Agents_with_a_wrong_token_are_rejected(string name, string claimedNode, string? token, string expected)
    {
        var dir = Path.Combine(lab.Cluster.Directory, $"intruder-{claimedNode}");
        Directory.CreateDirectory(dir);
        var tokenFile = Path.Combine(dir, "token");
        await File.WriteAllTextAsync(tokenFile, token ?? await File.ReadAllTextAsync(Path.Combine(lab.Cluster.Directory, "agent1", "token")));
        var config = Path.Combine(dir, "agent.json");
        // Self-repair off: this agent must never touch a lab node, whatever happens.
        await File.WriteAllTextAsync(config, $$"""
            {
              "Agent": { "NodeName": "{{claimedNode}}", "ClusterName": "kblab", "CollectorUrl": "{{lab.CollectorUrl}}", "StateDirectory": "{{dir}}", "TokenFile": "{{tokenFile}}" },
              "Galera": { "Host": "{{lab.Cluster.Address(1)}}", "User": "kbmon", "Password": "kbmon-lab", "DataDirectory": "{{lab.Cluster.DataDirectory(1)}}", "PidFile": "{{lab.Cluster.PidFile(1)}}" },
              "Repair": { "Enabled": false }
            }
            """);
        using var intruder = ManagedProcess.Start(RepoPaths.Binary("agent/kb-agent"), ["--config", config], new Dictionary<string, string>(), Path.Combine(dir, "stdout.log"));

        await Poll.UntilAsync(() => Task.FromResult(intruder.ReadLog().Contains(expected, StringComparison.Ordinal)), TimeSpan.FromSeconds(20), $"{name}: the agent is told {expected}");
        await intruder.KillAsync();

        var collectorLog = lab.Collector.ReadLog();
        Assert.True(
            collectorLog.Contains("Rejected /keybuzz.v1.AgentGateway/Connect", StringComparison.Ordinal) || collectorLog.Contains("Agent stream rejected: token of kblab/node1", StringComparison.Ordinal),
            "the collector logs the rejection");
    }
}
