using System.Collections.Immutable;
using KeyBuzz.Collector.Core.Components;
using LiteDB;

namespace KeyBuzz.Collector.Recovery;

/// <summary>A component ledger as one LiteDB document per cluster.</summary>
internal static class LedgerDocuments
{
    public static BsonDocument ToDocument(string cluster, ComponentLedger ledger)
    {
        var document = new BsonDocument
        {
            ["_id"] = cluster,
            ["latest"] = ledger.LatestId is { } latest ? new BsonValue(latest) : BsonValue.Null,
            ["next"] = ledger.NextId,
            ["components"] = new BsonArray(ledger.Components.Select(Component)),
            ["last"] = new BsonDocument(ledger.LastComponentOf.ToDictionary(p => p.Key, p => new BsonValue(p.Value))),
            ["consumed"] = new BsonArray(ledger.ConsumedGrants.Select(g => new BsonValue(g))),
        };
        if (ledger.Fork is { } f)
        {
            document["fork"] = new BsonDocument
            {
                ["component"] = f.ComponentId,
                ["uuid"] = f.Uuid,
                ["started"] = f.StartedAt,
                ["forkNodes"] = new BsonArray(f.ForkNodes.Select(n => new BsonValue(n))),
                ["latest"] = f.LatestId,
                ["newer"] = new BsonArray(f.NewerDataNodes.Select(n => new BsonValue(n))),
                ["high"] = f.HighWater,
                ["at"] = f.DetectedAt.UtcDateTime,
                ["reason"] = f.Reason,
                ["ack"] = f.Acknowledged,
            };
        }

        return document;
    }

    public static ComponentLedger FromDocument(BsonDocument d)
    {
        var fork = d.TryGetValue("fork", out var f) && f.IsDocument ? new ForkFinding(
            f["component"].AsInt64,
            f["uuid"].AsString,
            f["started"].AsInt64,
            [.. f["forkNodes"].AsArray.Select(v => v.AsString)],
            f["latest"].AsInt64,
            [.. f["newer"].AsArray.Select(v => v.AsString)],
            f["high"].AsInt64,
            new DateTimeOffset(f["at"].AsDateTime, TimeSpan.Zero),
            f["reason"].AsString,
            f["ack"].AsBoolean) : null;
        return new ComponentLedger(
            [.. d["components"].AsArray.Select(v => FromComponent(v.AsDocument))],
            d["latest"].IsNull ? null : d["latest"].AsInt64,
            d["last"].AsDocument.ToImmutableSortedDictionary(p => p.Key, p => p.Value.AsInt64, StringComparer.Ordinal),
            d["next"].AsInt64,
            fork,
            d["consumed"].AsArray.Select(v => v.AsString).ToImmutableSortedSet(StringComparer.Ordinal));
    }

    private static BsonDocument Component(PrimaryComponent c) => new()
    {
        ["id"] = c.Id,
        ["uuid"] = c.Uuid,
        ["conf"] = c.ConfId,
        ["view"] = c.View,
        ["members"] = new BsonArray(c.Members.Select(m => new BsonValue(m))),
        ["size"] = c.Size,
        ["first"] = c.FirstSeen.UtcDateTime,
        ["lastSeen"] = c.LastSeen.UtcDateTime,
        ["committed"] = c.Committed,
        ["verdict"] = c.Verdict.ToString(),
        ["reason"] = c.Reason,
        ["active"] = new BsonArray(c.Active.Select(m => new BsonValue(m))),
        ["checks"] = c.CaughtUpChecks,
    };

    private static PrimaryComponent FromComponent(BsonDocument c) => new(
        c["id"].AsInt64,
        c["uuid"].AsString,
        c["conf"].AsInt64,
        c.TryGetValue("view", out var view) && view.IsString ? view.AsString : string.Empty,
        c["members"].AsArray.Select(v => v.AsString).ToImmutableSortedSet(StringComparer.Ordinal),
        c["size"].AsInt64,
        new DateTimeOffset(c["first"].AsDateTime, TimeSpan.Zero),
        new DateTimeOffset(c["lastSeen"].AsDateTime, TimeSpan.Zero),
        c["committed"].AsInt64,
        Enum.Parse<ComponentVerdict>(c["verdict"].AsString),
        c["reason"].AsString,
        c["active"].AsArray.Select(v => v.AsString).ToImmutableSortedSet(StringComparer.Ordinal),
        c["checks"].AsInt32);
}
