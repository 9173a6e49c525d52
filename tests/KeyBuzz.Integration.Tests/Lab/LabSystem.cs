using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>
/// The whole system on this machine: a real 3-node Galera cluster, the collector and one
/// published (native AOT) agent per node, in its own directory on its own loopback addresses.
/// The tests' fixture (KeyBuzzLab) and the chaos runner both drive it.
/// </summary>
public partial class LabSystem(string directory, string ipBase)
{
    private readonly Dictionary<int, ManagedProcess> _agents = [];
    private ManagedProcess? _collector;
    private GrpcChannel? _channel;

    internal LabCluster Cluster { get; } = new(directory, ipBase);

    /// <summary>The two ProxySQL nodes and their agents (present when a ProxySQL binary is).</summary>
    internal LabProxies Proxies => _proxies ??= new LabProxies(this);

    private LabProxies? _proxies;

    internal string CollectorUrl { get; private set; } = string.Empty;

    /// <summary>The collector's HTTP API, /metrics and health probes.</summary>
    internal string HttpUrl { get; private set; } = string.Empty;

    /// <summary>The collector pushes alerts here; AlertmanagerTests starts a real Alertmanager on it.</summary>
    internal int AlertmanagerPort { get; private set; }

    internal string CollectorDataDirectory => Path.Combine(Cluster.Directory, "collector");

    internal string TokensFile => Path.Combine(Cluster.Directory, "tokens.json");

    internal string AdminToken { get; private set; } = string.Empty;

    internal string ReadOnlyToken { get; private set; } = string.Empty;

    /// <summary>Runs `kb-collector tokens …` (the real binary) and returns the printed token.</summary>
    internal async Task<string> TokenAsync(params string[] args)
    {
        var (code, output, error) = await Tool.RunAsync(RepoPaths.Binary("collector/kb-collector"), ["tokens", "--file", TokensFile, .. args]);
        return code == 0 ? output.Trim() : throw new InvalidOperationException($"kb-collector tokens {string.Join(' ', args)} failed: {error}");
    }

    private async Task CreateTokensAsync()
    {
        AdminToken = await TokenAsync("add-operator", "test-admin", "--role", "admin");
        ReadOnlyToken = await TokenAsync("add-operator", "test-viewer", "--role", "readonly");
        for (var node = 1; node <= 3; node++)
        {
            var dir = Path.Combine(Cluster.Directory, $"agent{node}");
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "token"), await TokenAsync("add-agent", Cluster.ClusterName, $"node{node}"));
        }

        if (Proxies.Present)
        {
            await Proxies.CreateTokensAsync();
        }

        // kb-lab's own kbctl calls (proxysql apply) use this token to record on the lab collector.
        await File.WriteAllTextAsync(Path.Combine(Cluster.Directory, "kbctl.token"), AdminToken);
    }

    internal Operations.OperationsClient Operations => new(_channel!);

    /// <summary>A fresh cluster (its directory destroyed first), the collector, the agents; returns once all are Synced.</summary>
    public async Task StartAsync()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("the lab tests start mariadbd as user mysql and need root: run tests/run.sh as root");
        }

        _ = RepoPaths.Binary("agent/kb-agent");
        _ = RepoPaths.Binary("collector/kb-collector");
        CollectorUrl = $"http://127.0.0.1:{FreePort()}";
        Cluster.CollectorAddress = CollectorUrl["http://".Length..];
        await Cluster.RunAsync("destroy");
        await Cluster.RunAsync("up");
        HttpUrl = $"http://127.0.0.1:{FreePort()}";
        AlertmanagerPort = FreePort();
        await CreateTokensAsync();
        _channel = GrpcChannel.ForAddress(CollectorUrl, new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", "Bearer " + AdminToken);
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true, // loopback h2c in the lab
        });
        StartCollector();
        for (var node = 1; node <= 3; node++)
        {
            StartAgent(node);
        }

        await WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));
        await Proxies.EnsureUpAsync(); // applied again now that the collector runs: it records the config
        await WaitForProxiesAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>
    /// With ProxySQL in the lab: both proxies report and route to one and the same writer, for 5 s in
    /// a row (a node that just came back is failed back to a couple of seconds after it is Synced).
    /// </summary>
    internal async Task WaitForProxiesAsync(TimeSpan timeout)
    {
        if (!Proxies.Present)
        {
            return;
        }

        (string Writer, DateTime Since)? stable = null;
        await Poll.UntilAsync(
            async () =>
            {
                var status = await StatusAsync();
                var writer = Proxies.Agree(status) ? status.Clusters.Single(c => c.Name == Cluster.ClusterName).Proxies[0].Writer : null;
                stable = writer is null ? null : stable is { } s && s.Writer == writer ? s : (writer, DateTime.UtcNow);
                return stable is { } held && DateTime.UtcNow - held.Since >= TimeSpan.FromSeconds(5);
            },
            timeout, "both ProxySQL nodes report and route to one writer, for 5 s");
    }

    /// <summary>Stops everything the lab started (may be called again: it then only stops what is left).</summary>
    public async Task StopAsync()
    {
        foreach (var agent in _agents.Values)
        {
            await agent.StopAsync();
            agent.Dispose();
        }

        _agents.Clear();
        await Proxies.StopAgentsAsync();
        if (_collector is not null)
        {
            await _collector.StopAsync();
            _collector.Dispose();
            _collector = null;
        }

        _channel?.Dispose();
        _channel = null;
        await Cluster.RunAsync("down");
    }

    /// <param name="extra">Environment added for this start only (e.g. a fault-injection crash point).</param>
    internal ManagedProcess StartCollector(IReadOnlyDictionary<string, string>? extra = null)
    {
        _collector?.Dispose();
        var environment = new Dictionary<string, string>
        {
            ["KEYBUZZ_Collector__ListenUrl"] = CollectorUrl,
            ["KEYBUZZ_Collector__HttpListenUrl"] = HttpUrl,
            ["KEYBUZZ_Alerts__Alertmanager__Urls__0"] = $"http://127.0.0.1:{AlertmanagerPort}",
            ["KEYBUZZ_Alerts__Alertmanager__ResendSeconds"] = "2",
            ["KEYBUZZ_Alerts__Rules__GaleraClusterShrunk__ForSeconds"] = "2",
            ["KEYBUZZ_Alerts__Rules__ProxySQLConfigDrift__ForSeconds"] = "2",
            // One double-writer occurrence keeps this alert firing 30 s instead of 10 min, so later tests start quiet.
            ["KEYBUZZ_Alerts__Rules__ProxySQLTooManyWriters__Threshold"] = "0.5",
            // A return to a writer left within 2 min (not 30) is a failback here: tests move writers all the time.
            ["KEYBUZZ_Alerts__Rules__ProxySQLFailback__Threshold"] = "2",
            ["KEYBUZZ_Collector__DataDirectory"] = CollectorDataDirectory,
            ["KEYBUZZ_Auth__TokensFile"] = TokensFile,
            ["KEYBUZZ_Recovery__OutageConfirmSeconds"] = "3",
            // Every scenario is an outage of its own: the per-window circuit breaker is unit-tested.
            ["KEYBUZZ_Recovery__MaxAutoBootstraps"] = "100",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        _collector = ManagedProcess.Start(RepoPaths.Binary("collector/kb-collector"), [], environment, Path.Combine(Cluster.Directory, "collector", "stdout.log"));
        return _collector;
    }

    internal ManagedProcess Collector => _collector ?? throw new InvalidOperationException("collector not started");

    internal ManagedProcess Agent(int node) => _agents[node];

    internal ManagedProcess StartAgent(int node)
    {
        if (_agents.Remove(node, out var old))
        {
            old.Dispose();
        }

        var dir = Path.Combine(Cluster.Directory, $"agent{node}");
        Directory.CreateDirectory(dir);
        var config = Path.Combine(dir, "agent.json");
        File.WriteAllText(config, $$"""
            {
              "Agent": { "NodeName": "node{{node}}", "ClusterName": "{{Cluster.ClusterName}}", "CollectorUrl": "{{CollectorUrl}}",
                         "StateDirectory": "{{dir}}", "ReconnectMaxMs": 1000, "TokenFile": "{{Path.Combine(dir, "token")}}" },
              "Galera": { "Host": "{{Cluster.Address(node)}}", "Port": 3306, "User": "kbmon", "Password": "kbmon-lab",
                          "DataDirectory": "{{Cluster.DataDirectory(node)}}", "PidFile": "{{Cluster.PidFile(node)}}",
                          "ConfigFragmentPath": "{{Cluster.ConfigFragment(node)}}",
                          "NodeProviderOptions": "gmcast.listen_addr=tcp://{{Cluster.Address(node)}}:4567;ist.recv_addr={{Cluster.Address(node)}}:4568" },
              "Repair": { "ServiceControl": "process", "DefaultsFile": "{{Cluster.DefaultsFile(node)}}",
                          "PeerAddresses": [ {{string.Join(", ", Enumerable.Range(1, 3).Where(n => n != node).Select(n => $"\"{Cluster.Address(n)}:3306\""))}} ],
                          "BackoffSeconds": 2, "MaxRestarts": 3 }
            }
            """);
        var agent = ManagedProcess.Start(RepoPaths.Binary("agent/kb-agent"), ["--config", config], AgentEnvironment(), Path.Combine(dir, "stdout.log"));
        _agents[node] = agent;
        return agent;
    }

    internal async Task<StatusReply> StatusAsync() =>
        await Operations.GetStatusAsync(new StatusRequest(), deadline: DateTime.UtcNow.AddSeconds(5));

    internal static NodeStatus? Node(StatusReply status, string name) =>
        status.Clusters.SelectMany(c => c.Nodes).FirstOrDefault(n => n.Name == name);

    internal async Task WaitForAllSyncedAsync(TimeSpan timeout)
    {
        var seen = "no status read";
        try
        {
            await Poll.UntilAsync(
                async () =>
                {
                    var status = await StatusAsync();
                    var nodes = status.Clusters.SelectMany(c => c.Nodes).ToList();
                    seen = string.Join("; ", nodes.Select(Describe));
                    return nodes.Count == 3 && nodes.All(n => n.Reporting && n.MariadbRunning && n.LocalState == "Synced" && n.ClusterSize == 3);
                },
                timeout,
                "all 3 nodes Synced in the collector's view");
        }
        catch (TimeoutException ex)
        {
            // Names what was wrong, so a failure far down a CI log still says which node and why.
            throw new TimeoutException($"{ex.Message}; last seen: {seen}", ex);
        }
    }

    internal static string Describe(NodeStatus n) =>
        $"{n.Name} {(n.Reporting ? "reporting" : "silent")}, mariadbd {(n.MariadbRunning ? "running" : "down")}, {n.ClusterStatus} {n.LocalState} size {n.ClusterSize}, repair {n.RepairState} ({n.RepairReason}){(n.Maintenance ? ", in maintenance" : string.Empty)}";

    internal Task StopAgentAsync(int node) => Agent(node).StopAsync();

    internal async Task<RecoveryHistory> RoundsAsync() =>
        await Operations.GetRecoveryHistoryAsync(new RecoveryHistoryRequest { Limit = 100 }, deadline: DateTime.UtcNow.AddSeconds(10));

    internal async Task<ulong> LastRoundIdAsync() => (await RoundsAsync()).Rounds.Select(r => r.Id).DefaultIfEmpty(0UL).Max();

    internal async Task<BootstrapPlan> PlanAsync() =>
        await Operations.GetBootstrapPlanAsync(new ClusterRequest { Cluster = Cluster.ClusterName }, deadline: DateTime.UtcNow.AddSeconds(10));

    internal async Task SetMaintenanceAsync(int node, bool on) =>
        await Operations.SetMaintenanceAsync(new MaintenanceRequest { Cluster = Cluster.ClusterName, Node = $"node{node}", On = on, Reason = "integration test" }, deadline: DateTime.UtcNow.AddSeconds(10));

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The agent's environment in the packaged unit (keybuzz-agent.service): its 1 MiB gen0 budget.</summary>
    public static Dictionary<string, string> AgentEnvironment() => new() { ["DOTNET_GCgen0size"] = "100000" };
}
