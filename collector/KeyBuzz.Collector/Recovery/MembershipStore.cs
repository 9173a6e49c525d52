using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.Recovery;
using KeyBuzz.Collector.History;
using LiteDB;

namespace KeyBuzz.Collector.Recovery;

/// <summary>
/// What history proves, kept current at ingest and persisted: each node's last Primary
/// configuration and, per cluster history, the highest seqno seen committed.
/// </summary>
internal sealed class MembershipStore
{
    private readonly ILiteCollection<BsonDocument> _members;
    private readonly ILiteCollection<BsonDocument> _marks;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, NodeMembership> _membership;
    private readonly Dictionary<string, long> _highWater;

    public MembershipStore(CollectorDatabase database)
    {
        _members = database.Database.GetCollection("membership");
        _marks = database.Database.GetCollection("high_water");
        _membership = _members.FindAll().ToDictionary(
            d => d["_id"].AsString,
            d => new NodeMembership(d["c"].AsInt64, d["u"].AsString, new DateTimeOffset(d["t"].AsDateTime, TimeSpan.Zero)),
            StringComparer.Ordinal);
        _highWater = _marks.FindAll().ToDictionary(d => d["_id"].AsString, d => d["s"].AsInt64, StringComparer.Ordinal);
    }

    /// <summary>Called by the single ingest writer with each stored batch.</summary>
    public void Observe(IEnumerable<(string Cluster, string Node, NodeReading Reading)> readings)
    {
        lock (_lock)
        {
            // Only the last change per key is written, in one call per collection (one transaction
            // each), not one LiteDB write per reading.
            var members = new Dictionary<string, BsonDocument>(StringComparer.Ordinal);
            var marks = new Dictionary<string, BsonDocument>(StringComparer.Ordinal);
            foreach (var (cluster, node, reading) in readings)
            {
                var key = HistoryKeys.Node(cluster, node);
                var current = _membership.TryGetValue(key, out var known) ? known : NodeMembership.Unknown;
                var next = MembershipRules.Observe(current, reading);
                if (next != current)
                {
                    _membership[key] = next;
                    if (next.LastPrimaryConfId != current.LastPrimaryConfId || next.LastPrimaryStateUuid != current.LastPrimaryStateUuid || ShouldRefresh(current, next))
                    {
                        members[key] = new BsonDocument { ["_id"] = key, ["c"] = next.LastPrimaryConfId!.Value, ["u"] = next.LastPrimaryStateUuid, ["t"] = next.LastPrimaryAt!.Value.UtcDateTime };
                    }
                }

                if (MembershipRules.CommittedMark(reading) is { } mark)
                {
                    var markKey = $"{cluster}|{mark.Uuid}";
                    if (!_highWater.TryGetValue(markKey, out var seen) || mark.Seqno > seen)
                    {
                        _highWater[markKey] = mark.Seqno;
                        marks[markKey] = new BsonDocument { ["_id"] = markKey, ["s"] = mark.Seqno };
                    }
                }
            }

            if (members.Count > 0)
            {
                _members.Upsert(members.Values);
            }

            if (marks.Count > 0)
            {
                _marks.Upsert(marks.Values);
            }
        }
    }

    public NodeMembership For(string cluster, string node)
    {
        lock (_lock)
        {
            return _membership.TryGetValue(HistoryKeys.Node(cluster, node), out var m) ? m : NodeMembership.Unknown;
        }
    }

    public IReadOnlyDictionary<string, long> HighWaterMarks(string cluster)
    {
        lock (_lock)
        {
            var prefix = cluster + "|";
            return _highWater.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[prefix.Length..], p => p.Value, StringComparer.Ordinal);
        }
    }

    // The timestamp alone changes every second; persist it at most once a minute.
    private static bool ShouldRefresh(NodeMembership current, NodeMembership next) =>
        current.LastPrimaryAt is not { } before || next.LastPrimaryAt is not { } after || after - before > TimeSpan.FromMinutes(1);
}
