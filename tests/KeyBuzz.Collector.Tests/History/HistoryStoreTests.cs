using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.History;

namespace KeyBuzz.Collector.Tests.History;

public sealed class HistoryStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDatabases _databases = new();

    private HistoryStore Open() => new(_databases.Open());

    private static StoredReading Reading(string node, ulong seq, double seconds, string instance = "i1", string lastCommitted = "10", string cluster = "c1") =>
        new(cluster, node, new NodeReading(instance, seq, T0.AddSeconds(seconds), 0, true, true,
            new Dictionary<string, string> { ["wsrep_last_committed"] = lastCommitted, ["wsrep_cluster_status"] = "Primary" },
            new Dictionary<string, string>(), new GrastateSnapshot(true, "u", -1, false, null), []), 12.5);

    [Fact]
    public void Appended_readings_survive_reopening_the_database()
    {
        Open().Append([Reading("node1", 1, 0), Reading("node1", 2, 1), Reading("node2", 1, 0)]);
        _databases.Opened[0].Dispose();

        var reopened = Open();
        Assert.Equal(2UL, reopened.LastStoredSeq("c1", "node1", "i1"));
        Assert.Equal(1UL, reopened.LastStoredSeq("c1", "node2", "i1"));
        Assert.Equal(0UL, reopened.LastStoredSeq("c1", "node1", "other-instance"));
        Assert.Equal(3, reopened.CountReadings());
    }

    [Fact]
    public void Query_returns_one_node_in_time_order_within_the_range()
    {
        var store = Open();
        store.Append([.. Enumerable.Range(1, 10).Select(i => Reading("node1", (ulong)i, i, lastCommitted: (i * 10).ToString(System.Globalization.CultureInfo.InvariantCulture))), Reading("node10", 1, 5)]);

        var points = store.Query("c1", "node1", "wsrep_last_committed", T0.AddSeconds(3).ToUnixTimeMilliseconds(), T0.AddSeconds(6).ToUnixTimeMilliseconds(), 100);

        Assert.Equal([3UL, 4UL, 5UL, 6UL], points.Select(p => p.Seq));
        Assert.Equal([30.0, 40.0, 50.0, 60.0], points.Select(p => p.Value!.Value));
    }

    [Fact]
    public void Text_and_derived_metrics_are_queryable()
    {
        var store = Open();
        store.Append([Reading("node1", 1, 0)]);
        var from = T0.AddSeconds(-1).ToUnixTimeMilliseconds();
        var to = T0.AddSeconds(1).ToUnixTimeMilliseconds();

        Assert.Equal("Primary", store.Query("c1", "node1", "wsrep_cluster_status", from, to, 10).Single().Text);
        Assert.Equal(12.5, store.Query("c1", "node1", DerivedMetrics.FlowControlPausedPercent, from, to, 10).Single().Value);
        Assert.Equal(1.0, store.Query("c1", "node1", DerivedMetrics.MariadbRunning, from, to, 10).Single().Value);
        Assert.Null(store.Query("c1", "node1", "no_such_metric", from, to, 10).Single().Value);
    }

    [Fact]
    public void Resent_readings_are_stored_once()
    {
        var store = Open();
        store.Append([Reading("node1", 1, 0), Reading("node1", 2, 1)]);

        store.Append([Reading("node1", 2, 1), Reading("node1", 3, 2)]);

        Assert.Equal(3, store.CountReadings());
        Assert.Equal(3UL, store.LastStoredSeq("c1", "node1", "i1"));
    }

    [Fact]
    public void Retention_deletes_only_older_readings()
    {
        var store = Open();
        store.Append([Reading("node1", 1, 0), Reading("node1", 2, 100), Reading("node2", 1, 0), Reading("node2", 2, 100)]);

        var deleted = store.DeleteOlderThan("c1", "node1", T0.AddSeconds(50)) + store.DeleteOlderThan("c1", "node2", T0.AddSeconds(50));

        Assert.Equal(2, deleted);
        Assert.Equal(2, store.CountReadings());
        Assert.Equal(2UL, store.LastStoredSeq("c1", "node1", "i1"));
    }

    [Fact]
    public void Known_nodes_lists_every_cluster_and_node()
    {
        var store = Open();
        store.Append([Reading("node1", 1, 0), Reading("node1", 1, 0, instance: "i2"), Reading("node1", 1, 0, cluster: "c2")]);

        Assert.Equal([("c1", "node1"), ("c2", "node1")], store.KnownNodes().OrderBy(n => n.Cluster));
    }

    public void Dispose() => _databases.Dispose();

    [Fact]
    public void Readings_written_before_compact_storage_are_still_read()
    {
        var database = _databases.Open();
        database.Database.GetCollection("readings").Insert(new LiteDB.BsonDocument
        {
            ["_id"] = HistoryKeys.Reading("c1", "node1", T0.ToUnixTimeMilliseconds(), 1),
            ["i"] = "i1",
            ["s"] = 1L,
            ["t"] = T0.ToUnixTimeMilliseconds(),
            ["m"] = new LiteDB.BsonDocument { ["wsrep_last_committed"] = 42.0, ["wsrep_cluster_status"] = "Primary" },
        });
        var store = new HistoryStore(database);
        store.Append([Reading("node1", 2, 1, lastCommitted: "43")]);
        var from = T0.AddSeconds(-1).ToUnixTimeMilliseconds();
        var to = T0.AddSeconds(2).ToUnixTimeMilliseconds();

        Assert.Equal([42.0, 43.0], store.Query("c1", "node1", "wsrep_last_committed", from, to, 10).Select(p => p.Value!.Value));
        Assert.Equal(["Primary", "Primary"], store.Query("c1", "node1", "wsrep_cluster_status", from, to, 10).Select(p => p.Text));
        Assert.Contains(store.NumericValues("c1", "node1", from, to), v => v.Metric == "wsrep_last_committed" && v.Value == 42.0);
    }

    [Fact]
    public void Metric_names_are_stored_once_and_survive_reopening()
    {
        Open().Append([.. Enumerable.Range(1, 50).Select(i => Reading("node1", (ulong)i, i))]);
        _databases.Opened[0].Dispose();

        var reopened = _databases.Open();
        Assert.Equal(1, reopened.Database.GetCollection("schemas").Count());
        var store = new HistoryStore(reopened);
        store.Append([Reading("node1", 51, 51)]);
        Assert.Equal(1, reopened.Database.GetCollection("schemas").Count());
        Assert.Equal(51, store.Query("c1", "node1", "wsrep_last_committed", 0, T0.AddMinutes(5).ToUnixTimeMilliseconds(), 100).Count(p => p.Value == 10));
    }

    [Fact]
    public void Blob_round_trips_numbers_and_texts()
    {
        var blob = MetricBlob.Encode([(1.5, null), (null, "Synced"), (-3e9, null), (null, "")]);

        Assert.Equal((1.5, null), MetricBlob.Read(blob, 0));
        Assert.Equal((null, "Synced"), MetricBlob.Read(blob, 1));
        Assert.Equal((-3e9, null), MetricBlob.Read(blob, 2));
        Assert.Equal((null, ""), MetricBlob.Read(blob, 3));
        Assert.Equal((null, null), MetricBlob.Read(blob, 4));
        Assert.Equal([(0, 1.5), (2, -3e9)], MetricBlob.Numbers(blob));
    }
}
