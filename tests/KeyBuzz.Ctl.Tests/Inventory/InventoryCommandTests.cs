using KeyBuzz.Ctl.Cli;

namespace KeyBuzz.Ctl.Tests.Inventory;

public sealed class InventoryCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kbctl-inventory-").FullName;

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await KbctlApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Valid_inventory_is_rendered_offline()
    {
        var tsv = Path.Combine(_dir, "servers.tsv");
        await File.WriteAllTextAsync(tsv, InventoryParserTests.Valid);
        var outDir = Path.Combine(_dir, "out");

        var (code, output, error) = await RunAsync("--collector", "http://127.0.0.1:1", "inventory", "render", tsv, "--out", outDir);

        Assert.True(code == 0, error);
        Assert.True(File.Exists(Path.Combine(outDir, "db1", "agent.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "collector", "collector.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "proxy1", "agent.json")));
        Assert.Contains("ProxySql:Password", output, StringComparison.Ordinal);

        var (again, _, againError) = await RunAsync("inventory", "render", tsv, "--out", outDir);
        Assert.Equal(64, again);
        Assert.Contains("--force", againError, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("inventory", "render", tsv, "--out", outDir, "--force")).Code);
    }

    [Fact]
    public async Task Nothing_is_written_when_a_row_is_invalid()
    {
        var tsv = Path.Combine(_dir, "bad.tsv");
        await File.WriteAllTextAsync(tsv, InventoryParserTests.Valid.Replace("10.0.0.12", "10.0.0.300", StringComparison.Ordinal));
        var outDir = Path.Combine(_dir, "never");

        var (code, _, error) = await RunAsync("inventory", "render", tsv, "--out", outDir);

        Assert.Equal(64, code);
        Assert.Contains("bad.tsv:4: private_ip '10.0.0.300' is not an IP address", error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
