using KeyBuzz.Collector.Core.ProxySql;
using KeyBuzz.Collector.History;
using LiteDB;

namespace KeyBuzz.Collector.ProxySql;

/// <summary>The ProxySQL config last applied to each cluster (no secrets), kept across collector restarts.</summary>
internal sealed class DesiredProxyConfigStore
{
    private readonly ILiteCollection<BsonDocument> _configs;

    // Read by the alert evaluator every second: LiteDB is read once per cluster, then on each Save.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DesiredProxyConfig?> _cache = new(StringComparer.Ordinal);

    public DesiredProxyConfigStore(CollectorDatabase database) => _configs = database.Database.GetCollection("proxysql_config");

    public void Save(string cluster, DesiredProxyConfig config)
    {
        _configs.Upsert(new BsonDocument
        {
            ["_id"] = cluster,
            ["v"] = Map(config.Variables),
            ["h"] = Map(config.Hostgroups),
            ["at"] = config.AppliedAt.ToUnixTimeMilliseconds(),
        });
        _cache[cluster] = config;
    }

    public DesiredProxyConfig? Get(string cluster) => _cache.GetOrAdd(cluster, Load);

    private DesiredProxyConfig? Load(string cluster) =>
        _configs.FindById(cluster) is { } doc
            ? new DesiredProxyConfig(Dict(doc["v"]), Dict(doc["h"]), DateTimeOffset.FromUnixTimeMilliseconds(doc["at"].AsInt64))
            : null;

    // Variable names contain '-': stored as a list of pairs, not as document keys.
    private static BsonArray Map(IReadOnlyDictionary<string, string> values) =>
        new(values.Select(kv => new BsonDocument { ["k"] = kv.Key, ["v"] = kv.Value }));

    private static Dictionary<string, string> Dict(BsonValue value) =>
        value.AsArray.Select(x => x.AsDocument).ToDictionary(d => d["k"].AsString, d => d["v"].AsString, StringComparer.Ordinal);
}
