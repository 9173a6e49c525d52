using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Options;

namespace KeyBuzz.Collector.Tests.History;

public sealed class DownsamplerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDatabases _databases = new();

    private static StoredReading Reading(int second) =>
        new("c1", "node1", new NodeReading("i1", (ulong)second + 1, T0.AddSeconds(second), 0, true, true,
            new Dictionary<string, string> { ["wsrep_local_recv_queue"] = (second % 60).ToString(System.Globalization.CultureInfo.InvariantCulture), ["wsrep_cluster_status"] = "Primary" },
            new Dictionary<string, string>(), null, []), null);

    [Fact]
    public void Complete_minutes_become_aggregates_once_and_raw_is_deletable_only_after()
    {
        var database = _databases.Open();
        var history = new HistoryStore(database);
        var minutes = new MinuteStore(database);
        history.Append([.. Enumerable.Range(0, 240).Select(Reading)]); // 4 minutes at 1 Hz
        var downsampler = new Downsampler(history, minutes);

        // At T0+4m, minutes settle 2 minutes: only [T0, T0+2m) is complete.
        Assert.Equal(2, downsampler.Run("c1", "node1", T0.AddMinutes(4)));
        Assert.Equal(0, downsampler.Run("c1", "node1", T0.AddMinutes(4)));
        var buckets = minutes.Query("c1", "node1", "wsrep_local_recv_queue", 0, T0.AddHours(1).ToUnixTimeMilliseconds());
        Assert.Equal(2, buckets.Count);
        Assert.Equal(29.5, buckets[0].Avg, 6);
        Assert.Equal(0, buckets[0].Min);
        Assert.Equal(59, buckets[0].Max);
        Assert.Equal(60, buckets[0].Count);
        Assert.Empty(minutes.Query("c1", "node1", "wsrep_cluster_status", 0, T0.AddHours(1).ToUnixTimeMilliseconds())); // text is not aggregated

        // Raw retention may not delete what is not aggregated yet.
        Assert.Equal(T0.AddMinutes(2), downsampler.RawDeletable("c1", "node1", T0.AddMinutes(4)));
        Assert.Equal(T0.AddMinutes(1), downsampler.RawDeletable("c1", "node1", T0.AddMinutes(1)));
    }

    [Fact]
    public void Stepped_history_uses_aggregates_beyond_raw_retention()
    {
        var database = _databases.Open();
        var history = new HistoryStore(database);
        var minutes = new MinuteStore(database);
        history.Append([.. Enumerable.Range(0, 600).Select(Reading)]);
        new Downsampler(history, minutes).Run("c1", "node1", T0.AddMinutes(12));
        history.DeleteOlderThan("c1", "node1", T0.AddMinutes(10));
        var time = new FixedTime(T0.AddHours(30));
        var stepped = new SteppedHistory(history, minutes, Microsoft.Extensions.Options.Options.Create(new CollectorOptions { RetentionHours = 24 }), time);

        var (buckets, stepMs, source) = stepped.Query("c1", "node1", "wsrep_local_recv_queue", T0.ToUnixTimeMilliseconds(), T0.AddMinutes(10).ToUnixTimeMilliseconds(), 90_000);

        Assert.Equal("1m", source);
        Assert.Equal(120_000, stepMs); // rounded up to whole minutes
        Assert.Equal(5, buckets.Count);
        Assert.All(buckets, b => Assert.Equal(120, b.Count));
    }

    public void Dispose() => _databases.Dispose();
}
