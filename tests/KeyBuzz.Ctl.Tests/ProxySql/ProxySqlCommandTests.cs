using KeyBuzz.Ctl.Cli;

namespace KeyBuzz.Ctl.Tests.ProxySql;

public sealed class ProxySqlCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kbctl-proxysql-").FullName;

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await KbctlApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private string[] Args(params string[] extra) =>
    [
        "proxysql", "config", Write("servers.tsv", Inventory.InventoryParserTests.Valid + "\nproxy2\t10.0.0.22\tproxysql\terp\t-\n"), "--cluster", "erp",
        "--app-users", "app:" + Write("app.pw", "app-secret\n"), "--monitor-password-file", Write("mon.pw", "mon"),
        "--admin-password-file", Write("admin.pw", "adm"), "--cluster-password-file", Write("cluster.pw", "clu"), .. extra,
    ];

    [Fact]
    public async Task Config_is_generated_from_the_inventory_with_the_chosen_writer()
    {
        var outDir = Path.Combine(_dir, "out");
        var (code, _, error) = await RunAsync(Args("--writer", "db2", "--out", outDir));

        Assert.True(code == 0, error);
        var sql = await File.ReadAllTextAsync(Path.Combine(outDir, "proxysql-admin.sql"));
        Assert.Contains("(10, '10.0.0.12', 3306, 1000, 1000, 0, 'db2 preferred writer')", sql, StringComparison.Ordinal);
        Assert.Contains("'app-secret'", sql, StringComparison.Ordinal);
        foreach (var proxy in new[] { "proxy1", "proxy2" })
        {
            var cnf = Path.Combine(outDir, $"proxysql-{proxy}.cnf");
            Assert.True(File.Exists(cnf), cnf);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cnf));
        }

        Assert.Contains("interfaces=\"10.0.0.22:6033\"", await File.ReadAllTextAsync(Path.Combine(outDir, "proxysql-proxy2.cnf")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_range_values_are_refused_and_nothing_is_written()
    {
        var outDir = Path.Combine(_dir, "never");
        var (code, _, error) = await RunAsync(Args("--galera-max-timeouts", "50", "--out", outDir));

        Assert.Equal(64, code);
        Assert.Contains("--galera-max-timeouts 50 is outside ProxySQL's range 1..10", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task Password_on_the_command_line_is_not_accepted()
    {
        var (code, _, error) = await RunAsync("proxysql", "config", Write("s.tsv", Inventory.InventoryParserTests.Valid), "--cluster", "erp", "--app-users", "app:secret");

        Assert.Equal(64, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_with_an_unreachable_proxy_names_it_and_writes_to_none()
    {
        // Loopback addresses where nothing listens: the connection is refused at once.
        var inventory = Write("lo.tsv", "hostname\tprivate_ip\trole\tcluster\nmon\t127.0.9.5\tcollector\t-\n" +
            "db1\t127.0.9.11\tmariadb\terp\ndb2\t127.0.9.12\tmariadb\terp\ndb3\t127.0.9.13\tmariadb\terp\n" +
            "proxy1\t127.0.9.21\tproxysql\terp\nproxy2\t127.0.9.22\tproxysql\terp\n");
        var args = Args();
        args[1] = "apply";
        args[2] = inventory;

        var (code, output, error) = await RunAsync(args);

        Assert.Equal(1, code);
        Assert.Contains("cannot reach the admin interface of proxy1 at 127.0.9.21:6032", error, StringComparison.Ordinal);
        Assert.Contains("cannot reach the admin interface of proxy2 at 127.0.9.22:6032", error, StringComparison.Ordinal);
        Assert.Contains("nothing written", error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at KeyBuzz.", error + output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
