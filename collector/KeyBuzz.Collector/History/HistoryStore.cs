using LiteDB;

namespace KeyBuzz.Collector.History;

/// <summary>
/// The one LiteDB database of the collector. Writes come from a single writer (IngestWriter) in
/// batches; a batch is acknowledged to agents only after <see cref="Append"/> returns, and
/// Append returns only once the batch is in the database file, so a SIGKILL loses nothing acknowledged.
/// </summary>
internal sealed class HistoryStore
{
    private readonly CollectorDatabase _database;
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _readings;
    private readonly ILiteCollection<BsonDocument> _agents;
    private readonly MetricSchemas _schemas;

    public HistoryStore(CollectorDatabase database)
    {
        _database = database;
        _db = database.Database;
        _readings = _db.GetCollection("readings");
        _agents = _db.GetCollection("agents");
        _schemas = new MetricSchemas(_db);
    }

    public void Append(IReadOnlyList<StoredReading> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            Write(batch, replace: false);
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            // A reading sent twice (a reconnect while its first copy was still queued): rare, so
            // only then pay for Upsert, which is much slower than Insert.
            Write(batch, replace: true);
        }

        _database.MakeDurable(); // the acknowledgement that follows must be truthful
    }

    private void Write(IReadOnlyList<StoredReading> batch, bool replace)
    {
        var lastSeq = new Dictionary<string, long>(StringComparer.Ordinal);
        // LiteDB transactions belong to the calling thread: this method must not await.
        _db.BeginTrans();
        try
        {
            var documents = new List<BsonDocument>(batch.Count);
            foreach (var stored in batch)
            {
                documents.Add(ReadingDocuments.ToDocument(stored, _schemas));
                var key = HistoryKeys.Agent(stored.Cluster, stored.Node, stored.Reading.InstanceId);
                var seq = (long)stored.Reading.Seq;
                lastSeq[key] = lastSeq.TryGetValue(key, out var known) ? Math.Max(known, seq) : seq;
            }

            if (replace)
            {
                _readings.Upsert(documents);
            }
            else
            {
                _readings.Insert(documents);
            }

            foreach (var (key, seq) in lastSeq)
            {
                var existing = _agents.FindById(key);
                if (existing is null || existing["s"].AsInt64 < seq)
                {
                    _agents.Upsert(new BsonDocument { ["_id"] = key, ["s"] = seq, ["t"] = DateTime.UtcNow });
                }
            }

            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            _schemas.Reload(); // a schema inserted in the rolled-back transaction is gone
            throw;
        }
    }

    public ulong LastStoredSeq(string cluster, string node, string instance)
    {
        var doc = _agents.FindById(HistoryKeys.Agent(cluster, node, instance));
        return doc is null ? 0 : (ulong)doc["s"].AsInt64;
    }

    /// <summary>Every (cluster, node) that ever reported.</summary>
    public IReadOnlyList<(string Cluster, string Node)> KnownNodes() =>
        _agents.FindAll()
            .Select(d => d["_id"].AsString.Split('|')[0])
            .Distinct(StringComparer.Ordinal)
            .Select(k => (k[..k.IndexOf('/', StringComparison.Ordinal)], k[(k.IndexOf('/', StringComparison.Ordinal) + 1)..]))
            .ToList();

    public IReadOnlyList<HistoryPoint> Query(string cluster, string node, string metric, long fromUnixMs, long toUnixMs, int limit)
    {
        var range = LiteDB.Query.Between("_id", HistoryKeys.From(cluster, node, fromUnixMs), HistoryKeys.To(cluster, node, toUnixMs));
        return _readings.Find(range, limit: limit)
            .Select(d => ReadingDocuments.ToPoint(d, metric, _schemas))
            .ToList();
    }

    public int DeleteOlderThan(string cluster, string node, DateTimeOffset cutoff) =>
        _readings.DeleteMany(LiteDB.Query.Between("_id", HistoryKeys.From(cluster, node, 0), HistoryKeys.From(cluster, node, cutoff.ToUnixTimeMilliseconds())));

    public long? FirstReadingUnixMs(string cluster, string node) =>
        _readings.Find(LiteDB.Query.GTE("_id", HistoryKeys.From(cluster, node, 0)), limit: 1).FirstOrDefault() is { } d
        && d["_id"].AsString.StartsWith(HistoryKeys.Node(cluster, node) + "|", StringComparison.Ordinal)
            ? d["t"].AsInt64
            : null;

    // Between, not And(GTE, LTE): LiteDB walks the _id index over exactly this range.
    /// <summary>Every numeric metric value of the node's readings in [from, to].</summary>
    public IEnumerable<(long AtUnixMs, string Metric, double Value)> NumericValues(string cluster, string node, long fromUnixMs, long toUnixMs)
    {
        var range = LiteDB.Query.Between("_id", HistoryKeys.From(cluster, node, fromUnixMs), HistoryKeys.To(cluster, node, toUnixMs));
        foreach (var d in _readings.Find(range))
        {
            var at = d["t"].AsInt64;
            foreach (var (name, value) in ReadingDocuments.Numbers(d, _schemas))
            {
                yield return (at, name, value);
            }
        }
    }

    public long CountReadings() => _readings.LongCount();

}
