using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Recovery;
using KeyBuzz.Collector.History;
using LiteDB;

namespace KeyBuzz.Collector.Recovery;

/// <summary>Recovery rounds and their events, persisted before anything is sent, so a restarted collector resumes.</summary>
internal sealed class RoundStore(CollectorDatabase database)
{
    private readonly ILiteCollection<BsonDocument> _rounds = database.Database.GetCollection("rounds");
    private readonly ILiteCollection<BsonDocument> _events = database.Database.GetCollection("events");

    public ulong NextId() => _rounds.Find(LiteDB.Query.All(LiteDB.Query.Descending), limit: 1).FirstOrDefault() is { } last ? (ulong)last["_id"].AsInt64 + 1 : 1;

    public void Save(RecoveryRound round)
    {
        _rounds.Upsert(ToDocument(round));
        database.MakeDurable();
    }

    /// <summary>One line on the cluster's active round for status outputs, or null.</summary>
    public string? ActiveSummary(string cluster) => Active(cluster) is { } r ? $"recovery round {r.Id} ({r.Phase}): {r.Status}" : null;

    public RecoveryRound? Active(string cluster) =>
        _rounds.Find(LiteDB.Query.EQ("cluster", cluster)).Select(FromDocument).Where(r => r.IsActive).OrderByDescending(r => r.Id).FirstOrDefault();

    public RecoveryRound? Get(ulong id) => _rounds.FindById((long)id) is { } doc ? FromDocument(doc) : null;

    public IReadOnlyList<RecoveryRound> Recent(string? cluster, int limit) =>
        [.. _rounds.FindAll().Select(FromDocument).Where(r => cluster is null || r.Cluster == cluster).OrderByDescending(r => r.Id).Take(limit)];

    /// <summary>Automatic grants issued since <paramref name="since"/>, across rounds (the circuit breaker).</summary>
    public int AutoGrantsSince(string cluster, DateTimeOffset since) =>
        _rounds.Find(LiteDB.Query.EQ("cluster", cluster)).Select(FromDocument)
            .SelectMany(r => r.Grants).Count(g => g.By == "auto" && g.IssuedAt >= since && g.Accepted != false);

    public void AddEvent(string cluster, ulong round, string text, DateTimeOffset at) =>
        _events.Insert(new BsonDocument { ["cluster"] = cluster, ["round"] = (long)round, ["t"] = at.UtcDateTime, ["text"] = text });

    public IReadOnlyList<(DateTimeOffset At, string Text)> Events(ulong round) =>
        [.. _events.Find(LiteDB.Query.EQ("round", (long)round)).Select(d => (new DateTimeOffset(d["t"].AsDateTime, TimeSpan.Zero), d["text"].AsString)).OrderBy(e => e.Item1)];

    private static BsonDocument ToDocument(RecoveryRound r) => new()
    {
        ["_id"] = (long)r.Id,
        ["cluster"] = r.Cluster,
        ["phase"] = r.Phase.ToString(),
        ["opened"] = r.OpenedAt.UtcDateTime,
        ["since"] = r.PhaseSince.UtcDateTime,
        ["status"] = r.Status,
        ["rule"] = r.Rule ?? string.Empty,
        ["started"] = new BsonArray(r.Started.Select(s => new BsonValue(s))),
        ["decision"] = r.Decision,
        ["pcRecoveryStalled"] = r.PcRecoveryStalledAt is { } stalled ? new BsonValue(stalled.UtcDateTime) : BsonValue.Null,
        ["decisionSince"] = r.DecisionSince is { } decided ? new BsonValue(decided.UtcDateTime) : BsonValue.Null,
        ["refused"] = new BsonArray(r.Refused.Select(t => new BsonValue(t))),
        ["commands"] = new BsonArray(r.CommandLog.Select(c => new BsonDocument
        {
            ["id"] = c.Id,
            ["node"] = c.Node,
            ["kind"] = c.Kind.ToString(),
            ["attempt"] = c.Attempt,
            ["created"] = c.CreatedAt.UtcDateTime,
            ["sent"] = c.SentAt is { } sent ? new BsonValue(sent.UtcDateTime) : BsonValue.Null,
            ["sends"] = c.Sends,
            ["accepted"] = c.Accepted is { } a ? new BsonValue(a) : BsonValue.Null,
            ["answer"] = c.Answer ?? string.Empty,
            ["answered"] = c.AnsweredAt is { } at ? new BsonValue(at.UtcDateTime) : BsonValue.Null,
            ["abandoned"] = c.Abandoned,
        })),
        ["grants"] = new BsonArray(r.Grants.Select(g => new BsonDocument
        {
            ["id"] = g.Id,
            ["node"] = g.Node,
            ["uuid"] = g.Position.Uuid,
            ["seqno"] = g.Position.Seqno,
            ["issued"] = g.IssuedAt.UtcDateTime,
            ["ttl"] = (long)g.Ttl.TotalMilliseconds,
            ["by"] = g.By,
            ["sent"] = g.Sent,
            ["accepted"] = g.Accepted is { } a ? new BsonValue(a) : BsonValue.Null,
            ["answer"] = g.Answer ?? string.Empty,
            ["datadir"] = g.DatadirIdentity,
            ["evidence"] = g.EvidenceToken,
            ["lastSent"] = g.LastSentAt is { } last ? new BsonValue(last.UtcDateTime) : BsonValue.Null,
        })),
    };

    private static RecoveryRound FromDocument(BsonDocument d) => new(
        (ulong)d["_id"].AsInt64,
        d["cluster"].AsString,
        Enum.Parse<RoundPhase>(d["phase"].AsString),
        new DateTimeOffset(d["opened"].AsDateTime, TimeSpan.Zero),
        new DateTimeOffset(d["since"].AsDateTime, TimeSpan.Zero),
        d["status"].AsString,
        d["rule"].AsString is { Length: > 0 } rule ? rule : null,
        [.. d["grants"].AsArray.Select(v => v.AsDocument).Select(g => new BootstrapGrant(
            g["id"].AsString,
            g["node"].AsString,
            new Position(g["uuid"].AsString, g["seqno"].AsInt64),
            new DateTimeOffset(g["issued"].AsDateTime, TimeSpan.Zero),
            TimeSpan.FromMilliseconds(g["ttl"].AsInt64),
            g["by"].AsString,
            g["sent"].AsBoolean,
            g["accepted"].IsNull ? null : g["accepted"].AsBoolean,
            g["answer"].AsString is { Length: > 0 } answer ? answer : null,
            Text(g, "datadir"),
            Text(g, "evidence"),
            Time(g, "lastSent")))],
        [.. d["started"].AsArray.Select(v => v.AsString)],
        d.TryGetValue("commands", out var commands) ? [.. commands.AsArray.Select(v => v.AsDocument).Select(c => new RoundCommand(
            c["id"].AsString,
            c["node"].AsString,
            Enum.Parse<RoundCommandKind>(c["kind"].AsString),
            c["attempt"].AsInt32,
            new DateTimeOffset(c["created"].AsDateTime, TimeSpan.Zero),
            Time(c, "sent"),
            c["sends"].AsInt32,
            c["accepted"].IsNull ? null : c["accepted"].AsBoolean,
            c["answer"].AsString is { Length: > 0 } said ? said : null,
            Time(c, "answered"),
            c["abandoned"].AsBoolean))] : [],
        Text(d, "decision"),
        d.TryGetValue("refused", out var refused) ? [.. refused.AsArray.Select(v => v.AsString)] : [],
        Time(d, "decisionSince"),
        Time(d, "pcRecoveryStalled"));

    private static string Text(BsonDocument d, string key) => d.TryGetValue(key, out var value) && value.IsString ? value.AsString : string.Empty;

    private static DateTimeOffset? Time(BsonDocument d, string key) =>
        d.TryGetValue(key, out var value) && value.IsDateTime ? new DateTimeOffset(value.AsDateTime, TimeSpan.Zero) : null;
}
