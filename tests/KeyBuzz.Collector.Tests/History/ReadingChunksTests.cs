using System.Globalization;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.History;

namespace KeyBuzz.Collector.Tests.History;

/// <summary>One document per agent chunk: what is read back is exactly what was stored, reading by reading.</summary>
public sealed class ReadingChunksTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDatabases _databases = new();
    private CollectorDatabase? _database;

    private HistoryStore Open() => new(_database = _databases.Open());

    private int Documents() => _database!.Database.GetCollection("readings").Count();

    private static long Ms(double seconds) => T0.AddSeconds(seconds).ToUnixTimeMilliseconds();

    private static StoredReading Reading(string node, ulong seq, double seconds, string instance = "i1") =>
        new("c1", node, new NodeReading(instance, seq, T0.AddSeconds(seconds), 0, true, true,
            new Dictionary<string, string> { ["wsrep_last_committed"] = (seq * 10).ToString(CultureInfo.InvariantCulture) },
            new Dictionary<string, string>(), null, []), null);

    private static IEnumerable<StoredReading> Run(string node, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(i => Reading(node, (ulong)i, i));

    [Fact]
    public void One_agent_batch_is_a_few_documents_of_at_most_60_s_and_every_reading_reads_back()
    {
        var store = Open();
        store.Append([.. Run("node1", 1, 150)]);

        // 1 s apart: readings 1-61 (60 s), 62-122, 123-150.
        Assert.Equal(3, Documents());
        Assert.Equal(150, store.CountReadings());
        var all = store.Query("c1", "node1", "wsrep_last_committed", 0, Ms(1000), 1000);
        Assert.Equal(Enumerable.Range(1, 150).Select(i => (ulong)i), all.Select(p => p.Seq));
        Assert.All(all, p => Assert.Equal(p.Seq * 10.0, p.Value));
        Assert.All(all, p => Assert.Equal("i1", p.InstanceId));
    }

    [Fact]
    public void A_range_inside_and_across_chunks_returns_exactly_its_readings()
    {
        var store = Open();
        store.Append([.. Run("node1", 1, 150)]);

        Assert.Equal([60UL, 61UL, 62UL, 63UL], store.Query("c1", "node1", "wsrep_last_committed", Ms(60), Ms(63), 100).Select(p => p.Seq));
        Assert.Equal([100UL], store.Query("c1", "node1", "wsrep_last_committed", Ms(100), Ms(100), 100).Select(p => p.Seq));
        Assert.Empty(store.Query("c1", "node1", "wsrep_last_committed", Ms(100.2), Ms(100.8), 100));
        Assert.Equal(Enumerable.Range(70, 31).Select(i => (long)i), store.NumericValues("c1", "node1", Ms(70), Ms(100)).Where(v => v.Metric == "wsrep_last_committed").Select(v => (long)v.Value / 10));
    }

    [Fact]
    public void A_limit_keeps_the_oldest_readings_of_the_range()
    {
        var store = Open();
        store.Append([.. Run("node1", 1, 150)]);

        Assert.Equal(Enumerable.Range(50, 20).Select(i => (ulong)i), store.Query("c1", "node1", "", Ms(50), Ms(1000), 20).Select(p => p.Seq));
    }

    [Fact]
    public void Agents_interleaved_in_one_batch_keep_their_own_chunks()
    {
        var store = Open();
        var batch = Enumerable.Range(1, 30).SelectMany(i => new[] { Reading("node1", (ulong)i, i), Reading("node2", (ulong)i, i), Reading("node1", (ulong)i, i, instance: "i2") }).ToList();
        store.Append(batch);

        Assert.Equal(3, Documents());
        var node1 = store.Query("c1", "node1", "wsrep_last_committed", 0, Ms(1000), 1000);
        Assert.Equal(60, node1.Count);
        Assert.Equal(30, node1.Count(p => p.InstanceId == "i2"));
        Assert.Equal(30, store.Query("c1", "node2", "wsrep_last_committed", 0, Ms(1000), 1000).Count);
        Assert.Equal(30UL, store.LastStoredSeq("c1", "node1", "i2"));
    }

    [Fact]
    public void A_resend_in_the_same_batch_or_a_later_one_is_stored_once()
    {
        var store = Open();
        Assert.Equal(30, store.Append([.. Run("node1", 1, 20), .. Run("node1", 15, 30)]));
        Assert.Equal(10, store.Append([.. Run("node1", 25, 40)]));
        Assert.Equal(0, store.Append([.. Run("node1", 1, 40)]));

        Assert.Equal(40, store.CountReadings());
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (ulong)i), store.Query("c1", "node1", "", 0, Ms(1000), 1000).Select(p => p.Seq));
        Assert.Equal(40UL, store.LastStoredSeq("c1", "node1", "i1"));
    }

    [Fact]
    public void A_clock_stepping_back_starts_a_new_chunk_and_reads_stay_in_time_order()
    {
        var store = Open();
        store.Append([Reading("node1", 1, 10), Reading("node1", 2, 11), Reading("node1", 3, 5), Reading("node1", 4, 6)]);

        Assert.Equal(2, Documents());
        Assert.Equal([3UL, 4UL, 1UL, 2UL], store.Query("c1", "node1", "", 0, Ms(100), 100).Select(p => p.Seq));
        Assert.Equal([3UL, 4UL], store.Query("c1", "node1", "", 0, Ms(100), 2).Select(p => p.Seq));
    }

    [Fact]
    public void Retention_deletes_a_chunk_only_once_all_its_readings_are_older_than_the_cutoff()
    {
        var store = Open();
        store.Append([.. Run("node1", 1, 150)]);

        Assert.Equal(61, store.DeleteOlderThan("c1", "node1", T0.AddSeconds(90)));

        Assert.Equal(89, store.CountReadings());
        Assert.Equal(62UL, store.Query("c1", "node1", "", 0, Ms(1000), 1).Single().Seq);
        Assert.Equal(Ms(62), store.FirstReadingUnixMs("c1", "node1"));
    }

    [Fact]
    public void A_long_backlog_resent_at_once_is_split_into_bounded_chunks()
    {
        var store = Open();
        // 0.1 s apart: the reading count bounds a chunk before its span does.
        store.Append([.. Enumerable.Range(1, 500).Select(i => Reading("node1", (ulong)i, i / 10.0))]);

        Assert.Equal((500 + ReadingChunks.MaxReadings - 1) / ReadingChunks.MaxReadings, Documents());
        Assert.Equal(500, store.Query("c1", "node1", "", 0, Ms(1000), 1000).Count);
    }

    public void Dispose() => _databases.Dispose();
}
