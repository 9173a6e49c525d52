using System.Globalization;
using LiteDB;

namespace KeyBuzz.Collector.History;

/// <summary>Mapping between stored readings and LiteDB documents (short field names keep the file small).</summary>
internal static class ReadingDocuments
{
    public static BsonDocument ToDocument(StoredReading stored)
    {
        var r = stored.Reading;
        var unixMs = r.SampledAt.ToUnixTimeMilliseconds();
        var metrics = new BsonDocument();
        foreach (var (name, value) in r.Status)
        {
            metrics[name] = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? new BsonValue(number)
                : new BsonValue(value);
        }

        metrics[DerivedMetrics.MariadbRunning] = r.MariadbRunning ? 1.0 : 0.0;
        metrics[DerivedMetrics.SqlReachable] = r.SqlReachable ? 1.0 : 0.0;
        metrics[DerivedMetrics.DroppedTotal] = (double)r.DroppedTotal;
        if (stored.FlowControlPausedPercent is { } paused)
        {
            metrics[DerivedMetrics.FlowControlPausedPercent] = paused;
        }

        if (r.Grastate is { Present: true, Error: null } grastate)
        {
            metrics[DerivedMetrics.GrastateSeqno] = (double)grastate.Seqno;
        }

        return new BsonDocument
        {
            ["_id"] = HistoryKeys.Reading(stored.Cluster, stored.Node, unixMs, r.Seq),
            ["i"] = r.InstanceId,
            ["s"] = (long)r.Seq,
            ["t"] = unixMs,
            ["m"] = metrics,
        };
    }

    public static HistoryPoint ToPoint(BsonDocument document, string metric)
    {
        double? value = null;
        string? text = null;
        if (metric.Length > 0 && document["m"].AsDocument.TryGetValue(metric, out var raw))
        {
            if (raw.IsNumber)
            {
                value = raw.AsDouble;
            }
            else if (raw.IsString)
            {
                text = raw.AsString;
            }
        }

        return new HistoryPoint(document["t"].AsInt64, (ulong)document["s"].AsInt64, document["i"].AsString, value, text);
    }
}
