using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Coordination;

/// <summary>A real 3-member etcd cluster (Debian's etcd-server) on 127.0.7.1-3, each with its own data directory.</summary>
internal sealed class EtcdCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly ManagedProcess?[] _members = new ManagedProcess?[3];

    public EtcdCluster(string directory) => _directory = directory;

    public static string Address(int member) => $"127.0.7.{member}";

    public static string ClientUrl(int member) => $"http://{Address(member)}:2379";

    public IReadOnlyList<string> ClientUrls => [ClientUrl(1), ClientUrl(2), ClientUrl(3)];

    public static string Binary => File.Exists("/usr/bin/etcd") ? "/usr/bin/etcd" : throw new InvalidOperationException("/usr/bin/etcd is missing: tests/run.sh installs Debian's etcd-server (apt-get install etcd-server)");

    public async Task StartAsync()
    {
        for (var m = 1; m <= 3; m++)
        {
            Start(m);
        }

        await Poll.UntilAsync(
            async () => (await Tool.RunAsync("/usr/bin/etcdctl", ["--endpoints", string.Join(',', ClientUrls), "endpoint", "health"], new Dictionary<string, string> { ["ETCDCTL_API"] = "3" })).ExitCode == 0 ? "healthy" : null,
            TimeSpan.FromSeconds(30),
            "etcd cluster healthy");
    }

    public void Start(int member)
    {
        var cluster = string.Join(',', Enumerable.Range(1, 3).Select(m => $"e{m}=http://{Address(m)}:2380"));
        var dataDir = Path.Combine(_directory, $"e{member}");
        var fresh = !Directory.Exists(dataDir);
        _members[member - 1] = ManagedProcess.Start(
            Binary,
            [
                "--name", $"e{member}", "--data-dir", dataDir,
                "--listen-client-urls", ClientUrl(member), "--advertise-client-urls", ClientUrl(member),
                "--listen-peer-urls", $"http://{Address(member)}:2380", "--initial-advertise-peer-urls", $"http://{Address(member)}:2380",
                "--initial-cluster", cluster, "--initial-cluster-state", fresh ? "new" : "existing", "--initial-cluster-token", "kb-test",
                "--heartbeat-interval", "100", "--election-timeout", "1000",
            ],
            new Dictionary<string, string>(),
            Path.Combine(_directory, $"e{member}.log"));
    }

    public async Task KillAsync(int member)
    {
        if (_members[member - 1] is { } p)
        {
            await p.KillAsync();
            p.Dispose();
            _members[member - 1] = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var m = 1; m <= 3; m++)
        {
            await KillAsync(m);
        }
    }
}
