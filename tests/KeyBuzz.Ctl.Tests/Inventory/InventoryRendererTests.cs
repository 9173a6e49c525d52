using System.Text.Json;
using KeyBuzz.Ctl.Inventory;

namespace KeyBuzz.Ctl.Tests.Inventory;

public sealed class InventoryRendererTests
{
    private static IReadOnlyList<RenderedFile> Render() => InventoryRenderer.Render(InventoryParser.Parse(InventoryParserTests.Valid, "servers.tsv").Inventory!);

    [Fact]
    public void Each_mariadb_node_gets_an_agent_config_with_its_peers()
    {
        var files = Render();
        var agent = JsonDocument.Parse(files.Single(f => f.RelativePath == "db2/agent.json").Content).RootElement;

        Assert.Equal("db2", agent.GetProperty("Agent").GetProperty("NodeName").GetString());
        Assert.Equal("erp", agent.GetProperty("Agent").GetProperty("ClusterName").GetString());
        Assert.Equal("https://10.0.0.5:7171", agent.GetProperty("Agent").GetProperty("CollectorUrl").GetString());
        Assert.Equal(["10.0.0.11:3306", "10.0.0.13:3306"], agent.GetProperty("Repair").GetProperty("PeerAddresses").EnumerateArray().Select(p => p.GetString()));
        Assert.False(agent.TryGetProperty("ProxySql", out _));
    }

    [Fact]
    public void Each_proxysql_node_gets_a_proxysql_agent_config_reading_its_local_admin_and_log()
    {
        var agent = JsonDocument.Parse(Render().Single(f => f.RelativePath == "proxy1/agent.json").Content).RootElement;

        Assert.Equal("proxysql", agent.GetProperty("Agent").GetProperty("Role").GetString());
        Assert.Equal("erp", agent.GetProperty("Agent").GetProperty("ClusterName").GetString());
        Assert.Equal(6032, agent.GetProperty("ProxySql").GetProperty("Port").GetInt32());
        Assert.Equal("/var/lib/proxysql/proxysql.log", agent.GetProperty("ProxySql").GetProperty("LogPath").GetString());
        Assert.False(agent.TryGetProperty("Galera", out _));
        Assert.False(agent.TryGetProperty("Repair", out _));
    }

    [Fact]
    public void Collector_gets_tls_urls_expected_sizes_registry_and_token_script()
    {
        var files = Render();
        var collector = JsonDocument.Parse(files.Single(f => f.RelativePath == "collector/collector.json").Content).RootElement;
        var registry = files.Single(f => f.RelativePath == "collector/nodes.tsv").Content;
        var setup = files.Single(f => f.RelativePath == "collector/setup.sh");

        Assert.Equal("https://10.0.0.5:7171", collector.GetProperty("Collector").GetProperty("ListenUrl").GetString());
        Assert.Equal(3, collector.GetProperty("Alerts").GetProperty("ExpectedClusterSize").GetProperty("erp").GetInt32());
        Assert.Equal(5, registry.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 4 nodes
        Assert.Contains("erp\tproxy1\t10.0.0.21\tproxysql", registry, StringComparison.Ordinal);
        Assert.True(setup.Executable);
        Assert.Contains("keybuzz-tokens add-agent erp db3 > tokens/db3.token", setup.Content, StringComparison.Ordinal);
        Assert.Contains("keybuzz-tokens add-agent erp proxy1 > tokens/proxy1.token", setup.Content, StringComparison.Ordinal);
        Assert.Contains("kb-collector tls init --out /etc/keybuzz/tls --ip 10.0.0.5", setup.Content, StringComparison.Ordinal);
    }
}
