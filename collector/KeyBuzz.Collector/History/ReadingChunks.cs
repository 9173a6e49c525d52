using LiteDB;

namespace KeyBuzz.Collector.History;

/// <summary>
/// Groups one agent's consecutive readings of a write batch into one document: LiteDB pays its
/// per-document cost (~40 µs here) once per chunk instead of once per reading. A chunk never spans
/// more than <see cref="MaxSpanMs"/>, so a time range is still one range scan on the _id index,
/// started that much earlier.
/// </summary>
internal static class ReadingChunks
{
    /// <summary>The widest time span of one document: range reads start this much before their lower bound.</summary>
    public const long MaxSpanMs = 60_000;

    /// <summary>Keeps documents small (a reading's blob is ~0.5 KiB) whatever the agent's rate.</summary>
    public const int MaxReadings = 120;

    /// <summary>
    /// The documents of <paramref name="batch"/> (already free of resent readings), in its order per agent.
    /// A chunk's readings are in time order: a clock stepping back starts a new one.
    /// </summary>
    public static List<BsonDocument> Build(IReadOnlyList<StoredReading> batch, MetricSchemas schemas)
    {
        var documents = new List<BsonDocument>();
        var open = new Dictionary<string, Chunk>(StringComparer.Ordinal);
        foreach (var stored in batch)
        {
            var agent = HistoryKeys.Agent(stored.Cluster, stored.Node, stored.Reading.InstanceId);
            var values = ReadingDocuments.ToValues(stored, schemas);
            var at = values["t"].AsInt64;
            if (open.TryGetValue(agent, out var chunk) && chunk.Accepts(at))
            {
                chunk.Add(values, at);
                continue;
            }

            chunk = new Chunk(HistoryKeys.Chunk(stored.Cluster, stored.Node, at, stored.Reading.Seq, stored.Reading.InstanceId), stored.Reading.InstanceId, values, at);
            open[agent] = chunk;
            documents.Add(chunk.Document);
        }

        return documents;
    }

    private sealed class Chunk
    {
        private readonly BsonArray _readings;
        private readonly long _first;
        private long _last;

        public Chunk(string id, string instance, BsonDocument first, long at)
        {
            _readings = [first];
            _first = _last = at;
            Document = new BsonDocument { ["_id"] = id, ["i"] = instance, ["t"] = at, ["e"] = at, ["n"] = 1, ["r"] = _readings };
        }

        public BsonDocument Document { get; }

        public bool Accepts(long at) => at >= _last && at - _first <= MaxSpanMs && _readings.Count < MaxReadings;

        public void Add(BsonDocument values, long at)
        {
            _readings.Add(values);
            _last = at;
            Document["e"] = at;
            Document["n"] = _readings.Count;
        }
    }
}
