using KeyBuzz.Collector.Core.Components;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.History;
using LiteDB;

namespace KeyBuzz.Collector.Recovery;

/// <summary>
/// What history proves about each cluster's Primary Components, kept current at ingest (by the
/// single writer) and persisted in the same database: the ledger outlives readings and restarts.
/// </summary>
internal sealed class ComponentStore
{
    private readonly ILiteCollection<BsonDocument> _ledgers;
    private readonly HumanBootstraps _humans;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ComponentLedger> _byCluster;

    public ComponentStore(CollectorDatabase database, HumanBootstraps humans)
    {
        _humans = humans;
        _ledgers = database.Database.GetCollection("component_ledgers");
        _byCluster = _ledgers.FindAll().ToDictionary(d => d["_id"].AsString, LedgerDocuments.FromDocument, StringComparer.Ordinal);
    }

    /// <summary>Called by the single ingest writer with each stored batch; one write per changed cluster.</summary>
    public void Observe(IEnumerable<(string Cluster, string Node, NodeReading Reading)> readings)
    {
        lock (_lock)
        {
            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (cluster, node, reading) in readings)
            {
                var before = For(cluster);
                var after = ComponentObserver.Observe(before, node, reading, _humans.For(cluster));
                if (!ReferenceEquals(before, after))
                {
                    _byCluster[cluster] = after;
                    changed.Add(cluster);
                }
            }

            if (changed.Count > 0)
            {
                _ledgers.Upsert(changed.Select(c => LedgerDocuments.ToDocument(c, _byCluster[c])));
            }
        }
    }

    public ComponentLedger For(string cluster)
    {
        lock (_lock)
        {
            return _byCluster.TryGetValue(cluster, out var ledger) ? ledger : ComponentLedger.Empty;
        }
    }

    /// <summary>A human dealt with the fork; returns the ledger before and after.</summary>
    public (ComponentLedger Before, ComponentLedger After) Acknowledge(string cluster, string by)
    {
        lock (_lock)
        {
            var before = For(cluster);
            var after = ComponentObserver.Acknowledge(before, by);
            _byCluster[cluster] = after;
            _ledgers.Upsert(LedgerDocuments.ToDocument(cluster, after));
            return (before, after);
        }
    }
}
