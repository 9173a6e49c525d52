using System.Collections.Concurrent;
using KeyBuzz.Collector.Options;
using LiteDB;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.History;

/// <summary>
/// ProxySQL nodes' history, apart from MariaDB readings ("proxy_readings", "proxy_minutes"): the
/// recovery evidence, alert rules and cluster health read the MariaDB history and must never see a
/// proxy as a database node. Same document layout, retention and downsampling as MariaDB readings.
/// </summary>
internal sealed class ProxyHistoryStore : IRawHistory
{
    private readonly ILiteCollection<BsonDocument> _readings;
    private readonly ILiteCollection<BsonDocument> _proxies;
    private readonly MetricSchemas _schemas;
    private readonly RawReadings _raw;
    private readonly ConcurrentDictionary<string, bool> _registered = new(StringComparer.Ordinal);

    public ProxyHistoryStore(CollectorDatabase database, IOptions<CollectorOptions> options, TimeProvider time)
    {
        var db = database.Database;
        _readings = db.GetCollection("proxy_readings");
        _proxies = db.GetCollection("proxy_nodes");
        _schemas = new MetricSchemas(db, "proxy_schemas");
        _raw = new RawReadings(_readings, _schemas);
        Minutes = new MinuteStore(database, "proxy_minutes");
        Downsampler = new Downsampler(this, Minutes);
        Stepped = new SteppedHistory(this, Minutes, options, time);
    }

    public MinuteStore Minutes { get; }

    public Downsampler Downsampler { get; }

    public SteppedHistory Stepped { get; }

    /// <summary>Keeps one reading; a second one at the same millisecond (a resend) replaces it.</summary>
    public void Append(string cluster, string proxy, DateTimeOffset at, ulong seq, IReadOnlyList<(string Name, double Value)> metrics)
    {
        var key = HistoryKeys.Node(cluster, proxy);
        if (!_registered.ContainsKey(key) && _proxies.FindById(key) is null)
        {
            _proxies.Insert(new BsonDocument { ["_id"] = key });
        }

        var unixMs = at.ToUnixTimeMilliseconds();
        _readings.Upsert(new BsonDocument
        {
            ["_id"] = HistoryKeys.Reading(cluster, proxy, unixMs, seq),
            ["i"] = string.Empty,
            ["s"] = (long)seq,
            ["t"] = unixMs,
            ["k"] = _schemas.IdOf([.. metrics.Select(m => m.Name)]),
            ["v"] = MetricBlob.Encode([.. metrics.Select(m => ((double?)m.Value, (string?)null))]),
        });
        _registered[key] = true;
    }

    /// <summary>Every (cluster, proxy) that ever reported.</summary>
    public IReadOnlyList<(string Cluster, string Proxy)> KnownProxies() =>
        _proxies.FindAll()
            .Select(d => d["_id"].AsString)
            .Select(HistoryKeys.Parse)
            .ToList();

    public IReadOnlyList<HistoryPoint> Query(string cluster, string node, string metric, long fromUnixMs, long toUnixMs, int limit) =>
        _raw.Query(cluster, node, metric, fromUnixMs, toUnixMs, limit);

    public IEnumerable<(long AtUnixMs, string Metric, double Value)> NumericValues(string cluster, string node, long fromUnixMs, long toUnixMs) =>
        _raw.NumericValues(cluster, node, fromUnixMs, toUnixMs);

    public long? FirstReadingUnixMs(string cluster, string node) => _raw.FirstReadingUnixMs(cluster, node);

    public int DeleteOlderThan(string cluster, string node, DateTimeOffset cutoff) => _raw.DeleteOlderThan(cluster, node, cutoff);
}
