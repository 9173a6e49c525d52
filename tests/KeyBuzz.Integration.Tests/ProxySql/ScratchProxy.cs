using KeyBuzz.Integration.Tests.Lab;
using MySqlConnector;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>
/// A fresh ProxySQL of a test's own (beside the lab's two), on the lab's loopback range, started
/// either bare (admin users only) or from a proxysql.cnf with --initial. Stopped by PID when disposed.
/// </summary>
internal sealed class ScratchProxy : IAsyncDisposable
{
    private readonly ManagedProcess _process;

    private ScratchProxy(string address, string directory, ManagedProcess process)
    {
        Address = address;
        Directory = directory;
        _process = process;
    }

    public string Address { get; }

    public string Directory { get; }

    /// <summary>Bare: the admin interface with admin/radmin users, nothing else configured.</summary>
    public static Task<ScratchProxy> StartBareAsync(string address, string directory, string adminPassword) =>
        StartAsync(address, directory, $$"""
            datadir="{{directory}}"
            admin_variables = { admin_credentials="admin:admin;radmin:{{adminPassword}}" mysql_ifaces="{{address}}:6032" }
            mysql_variables = { interfaces="{{address}}:6033" }
            """, adminPassword);

    /// <summary>From a generated proxysql.cnf (its datadir overridden by -D, as a package would).</summary>
    public static Task<ScratchProxy> StartFromCnfAsync(string address, string directory, string cnf, string adminPassword) =>
        StartAsync(address, directory, cnf, adminPassword);

    private static async Task<ScratchProxy> StartAsync(string address, string directory, string cnf, string adminPassword)
    {
        System.IO.Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "proxysql.cnf");
        await File.WriteAllTextAsync(file, cnf);
        var process = ManagedProcess.Start(ProxySqlBinary.Path!, ["-f", "--initial", "-c", file, "-D", directory], new Dictionary<string, string>(), Path.Combine(directory, "stdout.log"));
        var proxy = new ScratchProxy(address, directory, process);
        await Poll.UntilAsync(async () => (await proxy.QueryAsync(adminPassword, "SELECT 1")).Count == 1, TimeSpan.FromSeconds(20), $"ProxySQL admin on {address}:6032 answers");
        return proxy;
    }

    /// <summary>Rows of an admin query, each as column → text.</summary>
    public async Task<IReadOnlyList<Dictionary<string, string>>> QueryAsync(string adminPassword, string sql)
    {
        await using var connection = new MySqlConnection($"Server={Address};Port=6032;User ID=radmin;Password={adminPassword};Pooling=false;Connection Timeout=2");
        await connection.OpenAsync();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, string>>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? string.Empty : reader.GetValue(i).ToString() ?? string.Empty, StringComparer.Ordinal));
        }

        return rows;
    }

    /// <summary>Every statement of an admin SQL file, one at a time, as a DBA pastes it into the admin interface.</summary>
    public async Task ExecuteScriptAsync(string adminPassword, string script)
    {
        await using var connection = new MySqlConnection($"Server={Address};Port=6032;User ID=radmin;Password={adminPassword};Pooling=false;Connection Timeout=2");
        await connection.OpenAsync();
        foreach (var line in script.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal)))
        {
            await using var command = new MySqlCommand(line.TrimEnd(';'), connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync();
        _process.Dispose();
    }
}
