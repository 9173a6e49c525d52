using System.Net;
using System.Net.Sockets;
using KeyBuzz.Ctl.Cli;

namespace KeyBuzz.Ctl.Tests.Cli;

public sealed class KbctlAppTests
{
    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await KbctlApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A loopback port nobody listens on: bound then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public async Task Unreachable_collector_is_one_line_and_exit_code_2()
    {
        var (code, output, error) = await Run("--collector", $"http://127.0.0.1:{ClosedPort()}", "status");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("kbctl: cannot reach the collector at http://127.0.0.1:", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "unknown command 'frobnicate'")]
    [InlineData(new[] { "history" }, "history needs a node name")]
    [InlineData(new[] { "history", "node1" }, "history needs --metric")]
    [InlineData(new[] { "history", "node1", "--metric", "x", "--since", "yesterday" }, "is not a duration")]
    [InlineData(new[] { "--collector", "ftp://x", "status" }, "is not an http:// or https:// URL")]
    [InlineData(new[] { "drill" }, "drill needs a name")]
    [InlineData(new[] { "proxysql", "apply" }, "proxysql apply needs the servers.tsv file")]
    [InlineData(new[] { "proxysql", "switchover" }, "proxysql switchover needs the node to make writer")]
    [InlineData(new[] { "proxysql", "failover" }, "unknown proxysql action 'failover'")]
    [InlineData(new[] { "drill", "mariadb-node" }, "needs --sql HOST:PORT")]
    [InlineData(new[] { "drill", "mariadb-node", "--sql", "db1", "--db-password-file", "/nonexistent" }, "does not exist")]
    [InlineData(new[] { "drill", "sideways" }, "unknown drill 'sideways'")]
    [InlineData(new[] { "drill", "proxysql-node" }, "needs the ProxySQL node to stop")]
    [InlineData(new[] { "drill", "proxysql-node", "proxy1", "--sql", "db1:3306" }, "needs --through FRONTEND:6033")]
    [InlineData(new[] { "galera", "apply" }, "galera apply needs --fragment FILE")]
    [InlineData(new[] { "galera", "apply", "--fragment", "/nonexistent.cnf" }, "does not exist")]
    [InlineData(new[] { "galera", "apply", "--fragment", "x", "--node-timeout", "soon" }, "is not a duration")]
    public async Task Usage_errors_exit_64_with_the_fix(string[] args, string expected)
    {
        var (code, _, error) = await Run(args);

        Assert.Equal(64, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_prints_usage_and_succeeds()
    {
        var (code, output, _) = await Run("--help");

        Assert.Equal(0, code);
        Assert.Contains("usage: kbctl", output, StringComparison.Ordinal);
    }
}
