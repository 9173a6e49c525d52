using KeyBuzz.Collector.History;
using LiteDB;

namespace KeyBuzz.Collector.Tuning;

/// <summary>The Galera config fragment last applied to each cluster: what drift is measured against.</summary>
internal sealed class DesiredConfigStore
{
    private readonly ILiteCollection<BsonDocument> _configs;

    public DesiredConfigStore(CollectorDatabase database) => _configs = database.Database.GetCollection("galera_config");

    public void Save(string cluster, string fragment, DateTimeOffset at) =>
        _configs.Upsert(new BsonDocument { ["_id"] = cluster, ["text"] = fragment, ["at"] = at.ToUnixTimeMilliseconds() });

    public (string Fragment, DateTimeOffset At)? Get(string cluster) =>
        _configs.FindById(cluster) is { } doc ? (doc["text"].AsString, DateTimeOffset.FromUnixTimeMilliseconds(doc["at"].AsInt64)) : null;
}
