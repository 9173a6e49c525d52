using KeyBuzz.Collector.History;
using LiteDB;

namespace KeyBuzz.Collector.Recovery;

/// <summary>Nodes in maintenance: nothing automatic is done to them (persisted).</summary>
internal sealed class MaintenanceStore(CollectorDatabase database)
{
    private readonly ILiteCollection<BsonDocument> _collection = database.Database.GetCollection("maintenance");

    public bool IsOn(string cluster, string node) => _collection.FindById(HistoryKeys.Node(cluster, node)) is not null;

    public void Set(string cluster, string node, bool on, string reason, DateTimeOffset at)
    {
        var key = HistoryKeys.Node(cluster, node);
        if (on)
        {
            _collection.Upsert(new BsonDocument { ["_id"] = key, ["r"] = reason, ["t"] = at.UtcDateTime });
        }
        else
        {
            _collection.Delete(key);
        }

        database.MakeDurable();
    }
}
