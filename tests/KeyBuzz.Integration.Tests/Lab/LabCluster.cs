using System.Diagnostics;

namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>
/// The 3 MariaDB Galera nodes, driven through packaging/lab/kb-lab. Tests use their own lab
/// directory and addresses (127.0.3.11-13) so they never touch a demo lab.
/// </summary>
internal sealed class LabCluster
{
    public LabCluster(string directory, string ipBase)
    {
        Directory = directory;
        IpBase = ipBase;
    }

    public string Directory { get; }

    public string IpBase { get; }

    public string ClusterName => "kblab";

    /// <summary>The lab collector (host:port) kb-lab's kbctl calls record on; set once it is started.</summary>
    public string CollectorAddress { get; set; } = string.Empty;

    /// <summary>Whether this lab runs the two ProxySQL nodes (a binary exists).</summary>
    public bool HasProxies => ProxySqlBinary.Path is not null;

    /// <summary>ProxySQL node P (1 or 2): admin on :6032, MySQL frontend on :6033.</summary>
    public string ProxyAddress(int proxy) => $"{IpBase}2{proxy}";

    public string ProxyPidFile(int proxy) => Path.Combine(Directory, "run", $"proxy{proxy}.pid");

    /// <summary>Where the application connects (host, port): through the ProxySQL frontends when the lab has them, as in production.</summary>
    public IReadOnlyList<(string Host, int Port)> AppEndpoints =>
        HasProxies ? [(ProxyAddress(1), 6033), (ProxyAddress(2), 6033)] : [.. Enumerable.Range(1, 3).Select(n => (Address(n), 3306))];

    public string Address(int node) => $"{IpBase}1{node}";

    public string DataDirectory(int node) => Path.Combine(Directory, $"node{node}", "data");

    public string PidFile(int node) => Path.Combine(Directory, $"node{node}", "mariadbd.pid");

    public string DefaultsFile(int node) => Path.Combine(Directory, $"node{node}", "my.cnf");

    /// <summary>Where the node's agent writes the rolling-apply fragment (my.cnf includes conf.d/ last).</summary>
    public string ConfigFragment(int node) => Path.Combine(Directory, $"node{node}", "conf.d", "70-keybuzz-tuning.cnf");

    public string ErrorLog(int node) => Path.Combine(Directory, $"node{node}", "error.log");

    public int? Pid(int node) => File.Exists(PidFile(node)) && int.TryParse(File.ReadAllText(PidFile(node)).Trim(), out var pid) ? pid : null;

    public Task<string> RunAsync(params string[] args) => RunAsync(TimeSpan.FromMinutes(5), args);

    public async Task<string> RunAsync(TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(RepoPaths.LabTool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["KB_LAB_DIR"] = Directory;
        info.Environment["KB_LAB_IP_BASE"] = IpBase;
        if (CollectorAddress.Length > 0)
        {
            info.Environment["KB_LAB_COLLECTOR"] = CollectorAddress;
        }

        if (ProxySqlBinary.Path is { } proxysql)
        {
            info.Environment["KB_PROXYSQL_BIN"] = proxysql;
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Signals.Send(process.Id, Signals.SigKill);
            throw new TimeoutException($"kb-lab {string.Join(' ', args)} did not finish within {timeout}");
        }

        var output = await stdout;
        var error = await stderr;
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"kb-lab {string.Join(' ', args)} failed (exit {process.ExitCode}): {error.Trim()} {output.Trim()}");
    }
}
