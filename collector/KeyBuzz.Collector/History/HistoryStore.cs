using LiteDB;

namespace KeyBuzz.Collector.History;

/// <summary>
/// The one LiteDB database of the collector. Writes come from a single writer (IngestWriter) in
/// batches; a batch is acknowledged to agents only after <see cref="Append"/> returns, and
/// Append returns only once the batch is in the database file, so a SIGKILL loses nothing acknowledged.
/// </summary>
internal sealed class HistoryStore : IRawHistory
{
    private readonly CollectorDatabase _database;
    private readonly LiteDatabase _db;
    private readonly ILiteCollection<BsonDocument> _readings;
    private readonly ILiteCollection<BsonDocument> _agents;
    private readonly MetricSchemas _schemas;
    private readonly RawReadings _raw;

    public HistoryStore(CollectorDatabase database)
    {
        _database = database;
        _db = database.Database;
        _readings = _db.GetCollection("readings");
        _agents = _db.GetCollection("agents");
        _schemas = new MetricSchemas(_db);
        _raw = new RawReadings(_readings, _schemas);
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
            .Select(HistoryKeys.Parse)
            .ToList();

    public IReadOnlyList<HistoryPoint> Query(string cluster, string node, string metric, long fromUnixMs, long toUnixMs, int limit) =>
        _raw.Query(cluster, node, metric, fromUnixMs, toUnixMs, limit);

    public int DeleteOlderThan(string cluster, string node, DateTimeOffset cutoff) => _raw.DeleteOlderThan(cluster, node, cutoff);

    public long? FirstReadingUnixMs(string cluster, string node) => _raw.FirstReadingUnixMs(cluster, node);

    /// <summary>Every numeric metric value of the node's readings in [from, to].</summary>
    public IEnumerable<(long AtUnixMs, string Metric, double Value)> NumericValues(string cluster, string node, long fromUnixMs, long toUnixMs) =>
        _raw.NumericValues(cluster, node, fromUnixMs, toUnixMs);

    public long CountReadings() => _readings.LongCount();
}
