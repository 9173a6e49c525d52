using KeyBuzz.Collector.Diagnostics;
using KeyBuzz.Collector.History;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.ProxySql;

/// <summary>
/// A ProxySQL agent's readings: each updates the live routing view (alerts, /metrics, status) and is
/// kept in the proxy history for charts. The ack means "applied": a history write that fails is logged
/// and the live view still moves on (the chart shows the gap; routing decisions never wait on LiteDB).
/// </summary>
internal sealed class ProxyReadingIngest(
    ProxyViewStore proxies,
    ProxyHistoryStore history,
    Metrics.CollectorMetrics metrics,
    TimeProvider time,
    ILogger<ProxyReadingIngest> logger)
{
    public ulong Apply(string cluster, string node, TimeSpan interval, ReadingBatch batch, ulong applied)
    {
        foreach (var reading in batch.Readings.Where(r => r.Seq > applied).OrderBy(r => r.Seq))
        {
            applied = reading.Seq;
            if (reading.Proxysql is null)
            {
                Log.InvalidReading(logger, cluster, node, reading.Seq, "a proxysql agent sent a reading without ProxySQL data");
                metrics.ReadingsRejected.Inc();
                continue;
            }

            var (snapshot, error) = ProxySqlMapping.ToSnapshot(reading.Proxysql, proxies.Latest(cluster, node));
            if (snapshot is null)
            {
                proxies.Fail(cluster, node, error ?? "unusable reading");
                continue;
            }

            var now = time.GetUtcNow();
            proxies.Update(cluster, new Core.ProxySql.ProxyObservation(node, now, interval, snapshot));
            Keep(cluster, node, reading, snapshot, now);
        }

        return applied;
    }

    private void Keep(string cluster, string node, Reading reading, Core.ProxySql.ProxySnapshot snapshot, DateTimeOffset now)
    {
        // The agent's sampling time orders a resent reading where it belongs; a clock ahead of ours is not trusted.
        var at = reading.SampledAtUnixMs > 0 && reading.SampledAtUnixMs <= now.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(reading.SampledAtUnixMs)
            : now;
        try
        {
            history.Append(cluster, node, at, reading.Seq, Core.ProxySql.ProxyMetrics.From(snapshot));
        }
        catch (Exception e) when (e is LiteDB.LiteException or IOException)
        {
            Log.ProxyHistoryWriteFailed(logger, cluster, node, e);
        }
    }
}
