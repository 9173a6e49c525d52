using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Options;

namespace KeyBuzz.Collector.Tests.History;

public sealed class ProxyHistoryStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDatabases _databases = new();

    private static (string, double)[] Metrics(int second) => [("ConnUsed:127.0.0.11:3306", second % 60), ("Questions", second * 10)];

    private ProxyHistoryStore Open(CollectorDatabase database, DateTimeOffset now) =>
        new(database, Microsoft.Extensions.Options.Options.Create(new CollectorOptions { RetentionHours = 24 }), new FixedTime(now));

    [Fact]
    public void Proxy_readings_are_queried_raw_and_never_listed_as_database_nodes()
    {
        var database = _databases.Open();
        var proxies = Open(database, T0.AddMinutes(1));
        for (var s = 0; s < 30; s++)
        {
            proxies.Append("c1", "proxy1", T0.AddSeconds(s), (ulong)s + 1, Metrics(s));
        }

        proxies.Append("c1", "proxy1", T0.AddSeconds(29), 30, Metrics(29)); // a resend replaces, never duplicates

        var points = proxies.Query("c1", "proxy1", "ConnUsed:127.0.0.11:3306", T0.ToUnixTimeMilliseconds(), T0.AddMinutes(1).ToUnixTimeMilliseconds(), 1000);
        Assert.Equal(30, points.Count);
        Assert.Equal(29, points[^1].Value);
        Assert.Equal(("c1", "proxy1"), Assert.Single(proxies.KnownProxies()));
        Assert.Empty(new HistoryStore(database).KnownNodes()); // the recovery evidence never sees a proxy
    }

    [Fact]
    public void Proxy_minutes_are_aggregated_and_serve_ranges_beyond_raw_retention_after_a_reopen()
    {
        var database = _databases.Open();
        var proxies = Open(database, T0.AddMinutes(12));
        for (var s = 0; s < 600; s++)
        {
            proxies.Append("c1", "proxy1", T0.AddSeconds(s), (ulong)s + 1, Metrics(s));
        }

        Assert.Equal(10, proxies.Downsampler.Run("c1", "proxy1", T0.AddMinutes(12)));
        proxies.DeleteOlderThan("c1", "proxy1", proxies.Downsampler.RawDeletable("c1", "proxy1", T0.AddMinutes(10)));
        database.Dispose();

        var reopened = Open(_databases.Open(), T0.AddHours(30));
        var (buckets, stepMs, source) = reopened.Stepped.Query("c1", "proxy1", "ConnUsed:127.0.0.11:3306", T0.ToUnixTimeMilliseconds(), T0.AddMinutes(10).ToUnixTimeMilliseconds(), 60_000);

        Assert.Equal("1m", source);
        Assert.Equal(60_000, stepMs);
        Assert.Equal(10, buckets.Count);
        Assert.All(buckets, b => Assert.Equal((0, 59, 60), (b.Min, b.Max, b.Count)));
        Assert.Empty(reopened.Query("c1", "proxy1", "Questions", 0, T0.AddMinutes(10).ToUnixTimeMilliseconds() - 1, 10)); // raw is gone
    }

    public void Dispose() => _databases.Dispose();
}
