using KeyBuzz.Collector.History;
using LiteDB;

namespace KeyBuzz.Collector.Events;

/// <summary>Events in the collector's LiteDB file, keyed by time so "since" is a range scan.</summary>
internal sealed class EventStore
{
    private readonly CollectorDatabase _database;
    private readonly ILiteCollection<BsonDocument> _events;
    private readonly Lock _lock = new();
    private long _lastId;

    public EventStore(CollectorDatabase database)
    {
        _database = database;
        _events = database.Database.GetCollection("cluster_events"); // "events" belongs to RoundStore
        _lastId = _events.Find(Query.All(Query.Descending), limit: 1).FirstOrDefault() is { } last ? last["_id"].AsInt64 : 0;
    }

    public void Append(IReadOnlyList<StoredEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            var documents = events.Select(e => new BsonDocument
            {
                // Microseconds since the epoch, made unique: ordered by time, and "since" is a key range.
                ["_id"] = _lastId = Math.Max(_lastId + 1, e.At.ToUnixTimeMilliseconds() * 1000),
                ["k"] = e.Kind,
                ["c"] = e.Cluster,
                ["n"] = e.Node,
                ["a"] = e.Name,
                ["s"] = e.State,
                ["v"] = e.Severity,
                ["m"] = e.Summary,
                ["d"] = e.Description,
            }).ToList();
            _events.Insert(documents);
        }

        _database.MakeDurable();
    }

    /// <summary>Events at or after <paramref name="sinceUnixMs"/>, oldest first.</summary>
    public IReadOnlyList<StoredEvent> Since(long sinceUnixMs, string? cluster, string? kind, int limit) =>
        _events.Find(Query.GTE("_id", sinceUnixMs * 1000))
            .Select(ToEvent)
            .Where(e => (cluster is null || e.Cluster == cluster) && (kind is null || e.Kind == kind))
            .Take(limit)
            .ToList();

    public int DeleteOlderThan(DateTimeOffset cutoff) => _events.DeleteMany(Query.LT("_id", cutoff.ToUnixTimeMilliseconds() * 1000));

    private static StoredEvent ToEvent(BsonDocument d) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(d["_id"].AsInt64 / 1000),
        d["k"].AsString, d["c"].AsString, d["n"].AsString, d["a"].AsString, d["s"].AsString, d["v"].AsString, d["m"].AsString, d["d"].AsString);
}
