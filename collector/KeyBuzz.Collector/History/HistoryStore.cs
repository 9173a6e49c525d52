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

    /// <returns>The readings written: resent ones already stored are dropped.</returns>
    public int Append(IReadOnlyList<StoredReading> batch)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        int written;
        try
        {
            written = Write(batch, replace: false);
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            // Resent readings are dropped before the write and chunk ids name the agent instance,
            // so this is a document written outside this store (a hand-merged file): only then
            // pay for Upsert.
            written = Write(batch, replace: true);
        }

        // Also when nothing was new: the acknowledgement that follows must be truthful even if the
        // first copy's write was committed but its checkpoint failed.
        _database.MakeDurable();

        return written;
    }

    private int Write(IReadOnlyList<StoredReading> batch, bool replace)
    {
        // LiteDB transactions belong to the calling thread: this method must not await.
        _db.BeginTrans();
        try
        {
            var lastSeq = new Dictionary<string, (long Stored, long Seen)>(StringComparer.Ordinal);
            var fresh = new List<StoredReading>(batch.Count);
            foreach (var stored in batch)
            {
                var key = HistoryKeys.Agent(stored.Cluster, stored.Node, stored.Reading.InstanceId);
                if (!lastSeq.TryGetValue(key, out var known))
                {
                    var inDatabase = _agents.FindById(key) is { } agent ? agent["s"].AsInt64 : 0;
                    known = (inDatabase, inDatabase);
                }

                // An agent's seq only grows: one at or below what is stored (or already in this
                // batch) is a resend after a reconnect, stored once.
                var seq = (long)stored.Reading.Seq;
                if (seq > known.Seen)
                {
                    fresh.Add(stored);
                    known = (known.Stored, seq);
                }

                lastSeq[key] = known;
            }

            if (fresh.Count == 0)
            {
                _db.Rollback(); // nothing new to write
                return 0;
            }

            var documents = ReadingChunks.Build(fresh, _schemas);
            if (replace)
            {
                _readings.Upsert(documents);
            }
            else
            {
                _readings.Insert(documents);
            }

            foreach (var (key, (storedSeq, seen)) in lastSeq)
            {
                if (seen > storedSeq)
                {
                    _agents.Upsert(new BsonDocument { ["_id"] = key, ["s"] = seen, ["t"] = DateTime.UtcNow });
                }
            }

            _db.Commit();
            return fresh.Count;
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

    /// <summary>Readings stored (a full scan: for tests and diagnostics).</summary>
    public long CountReadings() => _readings.FindAll().Sum(d => (long)ReadingDocuments.Count(d));
}
