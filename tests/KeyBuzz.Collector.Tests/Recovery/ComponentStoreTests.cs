using System.Globalization;
using KeyBuzz.Collector.Core.Components;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Recovery;

namespace KeyBuzz.Collector.Tests.Recovery;

public sealed class ComponentStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDatabases _databases = new();

    private ComponentStore Open() => new(_databases.Open(), new HumanBootstraps(TimeProvider.System));

    private static NodeReading Primary(double at, long committed, long conf, long size) =>
        new("i", 1, T0.AddSeconds(at), 0, true, true, new Dictionary<string, string>
        {
            ["wsrep_cluster_status"] = "Primary",
            ["wsrep_local_state_comment"] = "Synced",
            ["wsrep_cluster_state_uuid"] = "uuid-a",
            ["wsrep_cluster_conf_id"] = conf.ToString(CultureInfo.InvariantCulture),
            ["wsrep_cluster_size"] = size.ToString(CultureInfo.InvariantCulture),
            ["wsrep_last_committed"] = committed.ToString(CultureInfo.InvariantCulture),
            ["wsrep_local_recv_queue"] = "0",
        }, new Dictionary<string, string>(), null, []);

    [Fact]
    public void The_ledger_and_a_fork_survive_a_collector_restart()
    {
        var store = Open();
        store.Observe([("kblab", "node1", Primary(0, 100, 3, 3)), ("kblab", "node2", Primary(0, 100, 3, 3)), ("kblab", "node3", Primary(0, 100, 3, 3))]);
        store.Observe([("kblab", "node2", Primary(5, 270, 4, 2)), ("kblab", "node3", Primary(5, 270, 4, 2))]);
        store.Observe([("kblab", "node1", Primary(20, 100, 5, 1))]);
        _databases.Opened[0].Dispose();

        var ledger = Open().For("kblab");

        Assert.Equal(["node2", "node3"], ledger.Latest!.Members);
        Assert.Equal(270, ledger.Latest.Committed);
        Assert.Equal(["node1"], ledger.ActiveFork!.ForkNodes);
        Assert.True(ledger.ServedFork("node1"));
        Assert.Equal(ComponentLedger.Empty, Open().For("another"));
    }

    [Fact]
    public void Resolving_a_fork_is_persisted()
    {
        var store = Open();
        store.Observe([("kblab", "node1", Primary(0, 100, 3, 3)), ("kblab", "node2", Primary(5, 270, 4, 2)), ("kblab", "node3", Primary(5, 270, 4, 2)), ("kblab", "node1", Primary(20, 100, 5, 1))]);
        store.Acknowledge("kblab", "test");
        _databases.Opened[0].Dispose();

        var ledger = Open().For("kblab");

        Assert.Null(ledger.ActiveFork);
        Assert.True(ledger.Fork!.Acknowledged);
    }

    public void Dispose() => _databases.Dispose();
}
