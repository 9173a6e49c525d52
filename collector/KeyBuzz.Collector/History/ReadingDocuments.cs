using System.Globalization;
using LiteDB;

namespace KeyBuzz.Collector.History;

/// <summary>
/// Mapping between stored readings and LiteDB documents. A document holds one agent's consecutive
/// readings (<see cref="ReadingChunks"/>): {_id of its first reading, i instance, t first time,
/// e last time, n count, r [{t, s, k schema, v values blob}]}. Older documents hold one reading at top
/// level ({_id, i, s, t, k, v}, or a sub-document "m" from before schemas existed) and are still read.
/// </summary>
internal static class ReadingDocuments
{
    /// <summary>One reading's values against its schema: {t, s, k, v}.</summary>
    public static BsonDocument ToValues(StoredReading stored, MetricSchemas schemas)
    {
        var r = stored.Reading;
        var encoded = stored.Encoded ?? EncodeStatus(r);
        var names = new List<string>(encoded.Names.Count + 5);
        var values = new List<(double?, string?)>(encoded.Names.Count + 5);
        names.AddRange(encoded.Names);
        values.AddRange(encoded.Values);

        void Add(string name, double value)
        {
            names.Add(name);
            values.Add((value, null));
        }

        Add(DerivedMetrics.MariadbRunning, r.MariadbRunning ? 1.0 : 0.0);
        Add(DerivedMetrics.SqlReachable, r.SqlReachable ? 1.0 : 0.0);
        Add(DerivedMetrics.DroppedTotal, r.DroppedTotal);
        if (stored.FlowControlPausedPercent is { } paused)
        {
            Add(DerivedMetrics.FlowControlPausedPercent, paused);
        }

        if (r.Grastate is { Present: true, Error: null } grastate)
        {
            Add(DerivedMetrics.GrastateSeqno, grastate.Seqno);
        }

        return new BsonDocument
        {
            ["t"] = r.SampledAt.ToUnixTimeMilliseconds(),
            ["s"] = (long)r.Seq,
            ["k"] = schemas.IdOf(names),
            ["v"] = MetricBlob.Encode(values),
        };
    }

    /// <summary>The readings a document holds, each with its agent instance, in the document's order.</summary>
    public static IEnumerable<(BsonDocument Reading, string Instance)> Expand(BsonDocument document)
    {
        var instance = document["i"].AsString;
        if (!document.TryGetValue("r", out var chunk))
        {
            yield return (document, instance);
            yield break;
        }

        foreach (var reading in chunk.AsArray)
        {
            yield return (reading.AsDocument, instance);
        }
    }

    /// <summary>The time of the newest reading a document holds.</summary>
    public static long LastAt(BsonDocument document) => document.TryGetValue("e", out var last) ? last.AsInt64 : document["t"].AsInt64;

    /// <summary>How many readings a document holds.</summary>
    public static int Count(BsonDocument document) => document.TryGetValue("n", out var n) ? n.AsInt32 : 1;

    /// <summary>
    /// Parses the status values (the costly part of storing a reading). The gateway does it on the
    /// stream's thread, so the single database writer does not have to.
    /// </summary>
    public static EncodedStatus EncodeStatus(Core.Readings.NodeReading reading)
    {
        var names = new List<string>(reading.Status.Count);
        var values = new List<(double?, string?)>(reading.Status.Count);
        // The agent's order (stable for a given agent): one schema per set and order of names.
        foreach (var (name, value) in reading.Status)
        {
            names.Add(name);
            values.Add(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? (number, null) : (null, value));
        }

        return new EncodedStatus(names, values);
    }

    public static HistoryPoint ToPoint(BsonDocument reading, string instance, string metric, MetricSchemas schemas)
    {
        var (value, text) = Value(reading, metric, schemas);
        return new HistoryPoint(reading["t"].AsInt64, (ulong)reading["s"].AsInt64, instance, value, text);
    }

    /// <summary>Every numeric metric of one reading (an element of <see cref="Expand"/>).</summary>
    public static IEnumerable<(string Metric, double Value)> Numbers(BsonDocument document, MetricSchemas schemas)
    {
        if (document.TryGetValue("m", out var legacy))
        {
            return legacy.AsDocument.Where(p => p.Value.IsNumber).Select(p => (p.Key, p.Value.AsDouble)).ToList();
        }

        var schema = document["k"].AsInt32;
        return MetricBlob.Numbers(document["v"].AsBinary).Select(x => (schemas.NameAt(schema, x.Index), x.Value));
    }

    private static (double? Value, string? Text) Value(BsonDocument document, string metric, MetricSchemas schemas)
    {
        if (metric.Length == 0)
        {
            return (null, null);
        }

        if (document.TryGetValue("m", out var legacy))
        {
            return legacy.AsDocument.TryGetValue(metric, out var raw)
                ? (raw.IsNumber ? raw.AsDouble : null, raw.IsString ? raw.AsString : null)
                : (null, null);
        }

        var index = schemas.IndexOf(document["k"].AsInt32, metric);
        return index < 0 ? (null, null) : MetricBlob.Read(document["v"].AsBinary, index);
    }
}
