using System.Text.Json;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Coordination;

/// <summary>Three real kb-collector processes in HA mode on 127.0.7.11-13, each with its own LiteDB, sharing one etcd cluster and one token file.</summary>
internal sealed class CollectorReplicas : IAsyncDisposable
{
    private readonly string _directory;
    private readonly IReadOnlyList<string> _etcd;
    private readonly ManagedProcess?[] _replicas = new ManagedProcess?[3];

    private CollectorReplicas(string directory, IReadOnlyList<string> etcd, string adminToken)
    {
        _directory = directory;
        _etcd = etcd;
        AdminToken = adminToken;
    }

    public string AdminToken { get; }

    public const int LeaseTtlSeconds = 3;

    public static string Url(int replica) => $"http://127.0.7.{10 + replica}:7171";

    public static async Task<CollectorReplicas> CreateAsync(string directory, IReadOnlyList<string> etcd)
    {
        var tokens = Path.Combine(directory, "tokens.json");
        var (code, output, error) = await Tool.RunAsync(RepoPaths.Binary("collector/kb-collector"), ["tokens", "--file", tokens, "add-operator", "ha-admin", "--role", "admin"]);
        return code == 0 ? new CollectorReplicas(directory, etcd, output.Trim()) : throw new InvalidOperationException($"kb-collector tokens: {error}");
    }

    public ManagedProcess Start(int replica)
    {
        var environment = new Dictionary<string, string>
        {
            ["KEYBUZZ_Collector__ListenUrl"] = Url(replica),
            ["KEYBUZZ_Collector__HttpListenUrl"] = $"http://127.0.7.{10 + replica}:7172",
            ["KEYBUZZ_Collector__DataDirectory"] = Path.Combine(_directory, $"c{replica}"),
            ["KEYBUZZ_Auth__TokensFile"] = Path.Combine(_directory, "tokens.json"),
            ["KEYBUZZ_Collector__Etcd__ReplicaName"] = $"c{replica}",
            ["KEYBUZZ_Collector__Etcd__AdvertiseUrl"] = Url(replica),
            ["KEYBUZZ_Collector__Etcd__LeaseTtlSeconds"] = LeaseTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < _etcd.Count; i++)
        {
            environment[$"KEYBUZZ_Collector__Etcd__Endpoints__{i}"] = _etcd[i];
        }

        var process = ManagedProcess.Start(RepoPaths.Binary("collector/kb-collector"), [], environment, Path.Combine(_directory, $"c{replica}.log"));
        _replicas[replica - 1] = process;
        return process;
    }

    public ManagedProcess Process(int replica) => _replicas[replica - 1] ?? throw new InvalidOperationException($"replica c{replica} not running");

    public async Task KillAsync(int replica)
    {
        if (_replicas[replica - 1] is { } p)
        {
            await p.KillAsync();
            p.Dispose();
            _replicas[replica - 1] = null;
        }
    }

    /// <summary>Every replica's coordination log lines, for a failure message.</summary>
    public string CoordinationLog() => string.Join(" | ", Enumerable.Range(1, 3)
        .Select(r => Path.Combine(_directory, $"c{r}.log"))
        .Where(File.Exists)
        .SelectMany(f => ReadShared(f).Split('\n').Where(l => l.Contains("Coordination", StringComparison.Ordinal)).Select(l => $"{Path.GetFileNameWithoutExtension(f)}: {l.Trim()}")));

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public bool IsRunning(int replica) => _replicas[replica - 1] is { HasExited: false };

    /// <summary>`kbctl status --json` against one replica: its coordinator object.</summary>
    public async Task<JsonElement?> CoordinatorAsync(int replica)
    {
        var (code, output, _) = await Tool.RunAsync(RepoPaths.Binary("kbctl/kbctl"), ["--collector", Url(replica), "--token", AdminToken, "status", "--json"]);
        return code == 0 ? JsonDocument.Parse(output).RootElement.GetProperty("coordinator").Clone() : null;
    }

    /// <summary>The replicas that say they lead now, asked one after another.</summary>
    public async Task<List<int>> LeadersAsync()
    {
        var leaders = new List<int>();
        for (var r = 1; r <= 3; r++)
        {
            if (IsRunning(r) && await CoordinatorAsync(r) is { } c && c.GetProperty("leader").GetBoolean())
            {
                leaders.Add(r);
            }
        }

        return leaders;
    }

    public async ValueTask DisposeAsync()
    {
        for (var r = 1; r <= 3; r++)
        {
            await KillAsync(r);
        }
    }
}
