using KeyBuzz.Collector.Core.History;
using LiteDB;

namespace KeyBuzz.Collector.History;

/// <summary>
/// One-minute aggregates of every numeric metric per node ("minutes" collection), kept much longer than
/// raw readings. Ids are "cluster/node|unix-ms" like raw readings, so a time range is a key range.
/// </summary>
internal sealed class MinuteStore
{
    private readonly ILiteCollection<BsonDocument> _minutes;
    private readonly ILiteCollection<BsonDocument> _marks;

    public MinuteStore(CollectorDatabase database)
        : this(database, "minutes")
    {
    }

    /// <summary>Aggregates in their own collection (ProxySQL nodes' are "proxy_minutes").</summary>
    internal MinuteStore(CollectorDatabase database, string collection)
    {
        _minutes = database.Database.GetCollection(collection);
        _marks = database.Database.GetCollection(collection.Replace("minutes", "minute_marks", StringComparison.Ordinal));
    }

    /// <summary>Start of the first minute not yet aggregated for the node, or null if none ever was.</summary>
    public long? Mark(string cluster, string node) => _marks.FindById(HistoryKeys.Node(cluster, node)) is { } d ? d["t"].AsInt64 : null;

    public void Save(string cluster, string node, long minuteUnixMs, IReadOnlyDictionary<string, Bucket> metrics, long nextMark)
    {
        if (metrics.Count > 0)
        {
            var m = new BsonDocument();
            foreach (var (name, b) in metrics)
            {
                m[name] = new BsonArray(new BsonValue(b.Avg), new BsonValue(b.Min), new BsonValue(b.Max), new BsonValue(b.Last), new BsonValue(b.Count));
            }

            _minutes.Upsert(new BsonDocument { ["_id"] = HistoryKeys.Reading(cluster, node, minuteUnixMs, 0), ["t"] = minuteUnixMs, ["m"] = m });
        }

        _marks.Upsert(new BsonDocument { ["_id"] = HistoryKeys.Node(cluster, node), ["t"] = nextMark });
    }

    public IReadOnlyList<Bucket> Query(string cluster, string node, string metric, long fromUnixMs, long toUnixMs) =>
        _minutes.Find(LiteDB.Query.Between("_id", HistoryKeys.From(cluster, node, fromUnixMs), HistoryKeys.To(cluster, node, toUnixMs)))
            .Where(d => d["m"].AsDocument.ContainsKey(metric))
            .Select(d =>
            {
                var a = d["m"][metric].AsArray;
                return new Bucket(d["t"].AsInt64, a[0].AsDouble, a[1].AsDouble, a[2].AsDouble, a[3].AsDouble, a[4].AsInt64);
            })
            .ToList();

    public int DeleteOlderThan(string cluster, string node, DateTimeOffset cutoff) =>
        _minutes.DeleteMany(LiteDB.Query.Between("_id", HistoryKeys.From(cluster, node, 0), HistoryKeys.From(cluster, node, cutoff.ToUnixTimeMilliseconds())));
}
