using System.Globalization;
using LiteDB;

namespace KeyBuzz.Collector.History;

/// <summary>
/// Mapping between stored readings and LiteDB documents: {_id, i instance, s seq, t time, k schema,
/// v values blob}. Documents written before schemas existed carry a sub-document "m" and are still read.
/// </summary>
internal static class ReadingDocuments
{
    public static BsonDocument ToDocument(StoredReading stored, MetricSchemas schemas)
    {
        var r = stored.Reading;
        var unixMs = r.SampledAt.ToUnixTimeMilliseconds();
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
            ["_id"] = HistoryKeys.Reading(stored.Cluster, stored.Node, unixMs, r.Seq),
            ["i"] = r.InstanceId,
            ["s"] = (long)r.Seq,
            ["t"] = unixMs,
            ["k"] = schemas.IdOf(names),
            ["v"] = MetricBlob.Encode(values),
        };
    }

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

    public static HistoryPoint ToPoint(BsonDocument document, string metric, MetricSchemas schemas)
    {
        var (value, text) = Value(document, metric, schemas);
        return new HistoryPoint(document["t"].AsInt64, (ulong)document["s"].AsInt64, document["i"].AsString, value, text);
    }

    /// <summary>Every numeric metric of a stored reading.</summary>
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
