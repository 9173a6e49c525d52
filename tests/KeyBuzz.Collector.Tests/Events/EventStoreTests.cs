using KeyBuzz.Collector.Events;

namespace KeyBuzz.Collector.Tests.Events;

public sealed class EventStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDatabases _databases = new();

    private static StoredEvent Event(double seconds, string name, string cluster = "c1", string kind = "alert") =>
        new(T0.AddSeconds(seconds), kind, cluster, "node1", name, "firing", "warning", name + " summary", "check it");

    [Fact]
    public void Events_come_back_in_time_order_from_since_and_survive_reopening()
    {
        new EventStore(_databases.Open()).Append([Event(0, "A"), Event(0, "B"), Event(10, "C")]);
        _databases.Opened[0].Dispose();

        var store = new EventStore(_databases.Open());
        store.Append([Event(20, "D")]);

        Assert.Equal(["A", "B", "C", "D"], store.Since(T0.ToUnixTimeMilliseconds(), null, null, 100).Select(e => e.Name));
        Assert.Equal(["C", "D"], store.Since(T0.AddSeconds(5).ToUnixTimeMilliseconds(), null, null, 100).Select(e => e.Name));
        Assert.Equal(T0.AddSeconds(10), store.Since(T0.AddSeconds(5).ToUnixTimeMilliseconds(), null, null, 1).Single().At);
    }

    [Fact]
    public void Filters_by_cluster_and_kind_and_retention_deletes_old_ones()
    {
        var store = new EventStore(_databases.Open());
        store.Append([Event(0, "A"), Event(1, "B", cluster: "c2"), Event(2, "V", kind: "view"), Event(100, "Z")]);

        Assert.Equal(["A", "V", "Z"], store.Since(0, "c1", null, 100).Select(e => e.Name));
        Assert.Equal(["V"], store.Since(0, null, "view", 100).Select(e => e.Name));

        store.DeleteOlderThan(T0.AddSeconds(50));
        Assert.Equal(["Z"], store.Since(0, null, null, 100).Select(e => e.Name));
    }

    [Fact]
    public void Cluster_events_and_recovery_round_events_live_side_by_side()
    {
        var database = _databases.Open();
        var rounds = new KeyBuzz.Collector.Recovery.RoundStore(database);
        rounds.AddEvent("c1", 1, "grant issued", T0);
        var events = new EventStore(database);
        events.Append([Event(1, "A")]);
        _databases.Opened[0].Dispose();

        var reopened = _databases.Open();
        Assert.Equal(["A"], new EventStore(reopened).Since(0, null, null, 10).Select(e => e.Name));
        Assert.Equal("grant issued", Assert.Single(new KeyBuzz.Collector.Recovery.RoundStore(reopened).Events(1)).Text);
    }

    public void Dispose() => _databases.Dispose();
}
