using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>
/// The lab's two ProxySQL nodes (when a binary exists): started and configured by kb-lab
/// (`kbctl proxysql apply`), each read by its own published agent in role "proxysql" with process
/// control (drills stop and start it).
/// </summary>
internal sealed class LabProxies(LabSystem lab)
{
    private readonly Dictionary<int, ManagedProcess> _agents = [];

    public static readonly int[] All = [1, 2];

    public bool Present => lab.Cluster.HasProxies;

    public ManagedProcess Agent(int proxy) => _agents[proxy];

    public string AgentDirectory(int proxy) => Path.Combine(lab.Cluster.Directory, $"proxyagent{proxy}");

    public string DataDirectory(int proxy) => Path.Combine(lab.Cluster.Directory, $"proxy{proxy}");

    /// <summary>ProxySQL's own log (it runs in the foreground: stdout).</summary>
    public string Log(int proxy) => Path.Combine(DataDirectory(proxy), "stdout.log");

    public async Task CreateTokensAsync()
    {
        foreach (var p in All)
        {
            Directory.CreateDirectory(AgentDirectory(p));
            await File.WriteAllTextAsync(Path.Combine(AgentDirectory(p), "token"), await lab.TokenAsync("add-agent", lab.Cluster.ClusterName, $"proxy{p}"));
        }
    }

    /// <summary>Both proxies running and configured (kb-lab starts the missing ones and applies; the collector records the config).</summary>
    public async Task EnsureUpAsync()
    {
        if (!Present)
        {
            return;
        }

        await lab.Cluster.RunAsync("proxies");
        foreach (var p in All)
        {
            if (!_agents.TryGetValue(p, out var agent) || agent.HasExited)
            {
                StartAgent(p);
            }
        }
    }

    public ManagedProcess StartAgent(int proxy)
    {
        if (_agents.Remove(proxy, out var old))
        {
            old.Dispose();
        }

        var dir = AgentDirectory(proxy);
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "agent.json");
        var ip = lab.Cluster.ProxyAddress(proxy);
        var data = DataDirectory(proxy);
        File.WriteAllText(config, $$"""
            {
              "Agent": { "NodeName": "proxy{{proxy}}", "ClusterName": "{{lab.Cluster.ClusterName}}", "Role": "proxysql", "CollectorUrl": "{{lab.CollectorUrl}}",
                         "StateDirectory": "{{dir}}", "ReconnectMaxMs": 1000, "TokenFile": "{{Path.Combine(dir, "token")}}" },
              "ProxySql": { "Host": "{{ip}}", "Port": 6032, "User": "radmin", "Password": "radmin",
                            "ServiceControl": "process", "PidFile": "{{lab.Cluster.ProxyPidFile(proxy)}}", "LogPath": "{{Log(proxy)}}",
                            "StartCommand": [ "{{ProxySqlBinary.Path}}", "-f", "-c", "{{Path.Combine(data, "proxysql.cnf")}}", "-D", "{{data}}" ] }
            }
            """);
        var agent = ManagedProcess.Start(RepoPaths.Binary("agent/kb-agent"), ["--config", config], LabSystem.AgentEnvironment(), Path.Combine(dir, "stdout.log"));
        _agents[proxy] = agent;
        return agent;
    }

    public async Task StopAgentsAsync()
    {
        foreach (var agent in _agents.Values)
        {
            await agent.StopAsync();
            agent.Dispose();
        }

        _agents.Clear();
    }

    /// <summary>Both proxies of the lab cluster report, route to one and the same ONLINE writer, and each has exactly one.</summary>
    public bool Agree(StatusReply status)
    {
        var proxies = status.Clusters.Where(c => c.Name == lab.Cluster.ClusterName).SelectMany(c => c.Proxies).ToList();
        return proxies.Count == All.Length && proxies.All(p => p.Reporting && p.Writer.Length > 0 && p.OnlineWriters.Count == 1) &&
            proxies.Select(p => p.Writer).Distinct(StringComparer.Ordinal).Count() == 1;
    }

    /// <summary>The options of kbctl proxysql apply/switchover for the lab (inventory, users, secret files).</summary>
    public async Task<string[]> KbctlArgumentsAsync() =>
        [.. (await lab.Cluster.RunAsync("proxysql-args")).Split('\n', StringSplitOptions.RemoveEmptyEntries)];
}
