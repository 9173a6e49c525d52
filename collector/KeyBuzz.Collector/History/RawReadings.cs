using LiteDB;

namespace KeyBuzz.Collector.History;

/// <summary>
/// Range reads and deletes over one collection of reading documents (ids "cluster/node|unix-ms|seq"
/// of their first reading, values in a blob against a schema): MariaDB readings and ProxySQL readings
/// share the layout. A document holds one reading or a chunk (<see cref="ReadingChunks"/>).
/// </summary>
internal sealed class RawReadings(ILiteCollection<BsonDocument> readings, MetricSchemas schemas) : IRawHistory
{
    // Between, not And(GTE, LTE): LiteDB walks the _id index over exactly this range. A chunk that
    // started up to MaxSpanMs before the range may hold readings inside it.
    private IEnumerable<BsonDocument> Documents(string cluster, string node, long fromUnixMs, long toUnixMs) =>
        readings.Find(LiteDB.Query.Between("_id", HistoryKeys.From(cluster, node, Math.Max(0, fromUnixMs) - ReadingChunks.MaxSpanMs), HistoryKeys.To(cluster, node, toUnixMs)));

    /// <summary>The node's readings in [from, to], oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<HistoryPoint> Query(string cluster, string node, string metric, long fromUnixMs, long toUnixMs, int limit)
    {
        var points = new List<HistoryPoint>();
        var newest = long.MinValue;
        foreach (var document in Documents(cluster, node, fromUnixMs, toUnixMs))
        {
            // Documents come in order of their first reading: once `limit` points are in hand and a
            // document starts after all of them, no later one can hold an older reading.
            if (points.Count >= limit && document["t"].AsInt64 > newest)
            {
                break;
            }

            foreach (var (reading, instance) in ReadingDocuments.Expand(document))
            {
                var at = reading["t"].AsInt64;
                if (at >= fromUnixMs && at <= toUnixMs)
                {
                    points.Add(ReadingDocuments.ToPoint(reading, instance, metric, schemas));
                    newest = Math.Max(newest, at);
                }
            }
        }

        // Stable: readings at the same millisecond keep the order they were stored in.
        return points.OrderBy(p => p.AtUnixMs).Take(limit).ToList();
    }

    /// <summary>Every numeric metric value of the node's readings in [from, to].</summary>
    public IEnumerable<(long AtUnixMs, string Metric, double Value)> NumericValues(string cluster, string node, long fromUnixMs, long toUnixMs)
    {
        foreach (var document in Documents(cluster, node, fromUnixMs, toUnixMs))
        {
            foreach (var (reading, _) in ReadingDocuments.Expand(document))
            {
                var at = reading["t"].AsInt64;
                if (at < fromUnixMs || at > toUnixMs)
                {
                    continue;
                }

                foreach (var (name, value) in ReadingDocuments.Numbers(reading, schemas))
                {
                    yield return (at, name, value);
                }
            }
        }
    }

    public long? FirstReadingUnixMs(string cluster, string node) =>
        readings.Find(LiteDB.Query.GTE("_id", HistoryKeys.From(cluster, node, 0)), limit: 1).FirstOrDefault() is { } d
        && d["_id"].AsString.StartsWith(HistoryKeys.Node(cluster, node) + "|", StringComparison.Ordinal)
            ? d["t"].AsInt64
            : null;

    /// <summary>Deletes the documents whose every reading is older than the cutoff; returns the readings deleted.</summary>
    public int DeleteOlderThan(string cluster, string node, DateTimeOffset cutoff)
    {
        var cutoffMs = cutoff.ToUnixTimeMilliseconds();
        var old = readings.Find(LiteDB.Query.Between("_id", HistoryKeys.From(cluster, node, 0), HistoryKeys.From(cluster, node, cutoffMs)))
            .Where(d => ReadingDocuments.LastAt(d) < cutoffMs)
            .Select(d => (Id: d["_id"], Count: ReadingDocuments.Count(d)))
            .ToList();
        // One DeleteMany (one transaction) per thousand documents, not one per document.
        foreach (var slice in old.Chunk(1000))
        {
            readings.DeleteMany(LiteDB.Query.In("_id", new BsonArray(slice.Select(o => o.Id))));
        }

        return old.Sum(o => o.Count);
    }
}
