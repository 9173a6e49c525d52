using LiteDB;

namespace KeyBuzz.Collector.History;

/// <summary>
/// Range reads and deletes over one collection of reading documents (ids "cluster/node|unix-ms|seq",
/// values in a blob against a schema): MariaDB readings and ProxySQL readings share the layout.
/// </summary>
internal sealed class RawReadings(ILiteCollection<BsonDocument> readings, MetricSchemas schemas) : IRawHistory
{
    // Between, not And(GTE, LTE): LiteDB walks the _id index over exactly this range.
    private static BsonExpression Range(string cluster, string node, long fromUnixMs, long toUnixMs) =>
        LiteDB.Query.Between("_id", HistoryKeys.From(cluster, node, fromUnixMs), HistoryKeys.To(cluster, node, toUnixMs));

    public IReadOnlyList<HistoryPoint> Query(string cluster, string node, string metric, long fromUnixMs, long toUnixMs, int limit) =>
        readings.Find(Range(cluster, node, fromUnixMs, toUnixMs), limit: limit)
            .Select(d => ReadingDocuments.ToPoint(d, metric, schemas))
            .ToList();

    /// <summary>Every numeric metric value of the node's readings in [from, to].</summary>
    public IEnumerable<(long AtUnixMs, string Metric, double Value)> NumericValues(string cluster, string node, long fromUnixMs, long toUnixMs)
    {
        foreach (var d in readings.Find(Range(cluster, node, fromUnixMs, toUnixMs)))
        {
            var at = d["t"].AsInt64;
            foreach (var (name, value) in ReadingDocuments.Numbers(d, schemas))
            {
                yield return (at, name, value);
            }
        }
    }

    public long? FirstReadingUnixMs(string cluster, string node) =>
        readings.Find(LiteDB.Query.GTE("_id", HistoryKeys.From(cluster, node, 0)), limit: 1).FirstOrDefault() is { } d
        && d["_id"].AsString.StartsWith(HistoryKeys.Node(cluster, node) + "|", StringComparison.Ordinal)
            ? d["t"].AsInt64
            : null;

    public int DeleteOlderThan(string cluster, string node, DateTimeOffset cutoff) =>
        readings.DeleteMany(LiteDB.Query.Between("_id", HistoryKeys.From(cluster, node, 0), HistoryKeys.From(cluster, node, cutoff.ToUnixTimeMilliseconds())));
}
