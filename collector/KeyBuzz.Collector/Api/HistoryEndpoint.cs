using KeyBuzz.Collector.Api.Json;
using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Ingest;
using KeyBuzz.Collector.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Api;

/// <summary>GET /api/v1/history/{node}?metric=NAME&amp;since=1h[&amp;until=…][&amp;step=1m][&amp;cluster=C][&amp;limit=N].</summary>
internal static class HistoryEndpoint
{
    public static IResult Handle(
        string node, string? metric, string? since, string? until, string? step, string? cluster, int? limit,
        HistoryReader history, ClusterViewStore views, IOptions<CollectorOptions> options, TimeProvider time)
    {
        if (string.IsNullOrEmpty(metric))
        {
            return ApiEndpoints.Error(StatusCodes.Status400BadRequest, "metric is required, e.g. ?metric=wsrep_local_recv_queue");
        }

        var now = time.GetUtcNow();
        if (!QueryTime.TryParseTime(since ?? "1h", now, out var from) || !QueryTime.TryParseTime(until ?? "0s", now, out var to))
        {
            return ApiEndpoints.Error(StatusCodes.Status400BadRequest, "since/until must be RFC 3339, Unix seconds, or an age such as 15m, 2h, 7d");
        }

        if (from > to)
        {
            return ApiEndpoints.Error(StatusCodes.Status400BadRequest, "since is after until");
        }

        TimeSpan stepSpan = default;
        if (step is not null && (!QueryTime.TryParseDuration(step, out stepSpan) || stepSpan < TimeSpan.FromSeconds(1)))
        {
            return ApiEndpoints.Error(StatusCodes.Status400BadRequest, $"step '{step}' must be a duration of at least 1s, such as 10s, 1m, 1h");
        }

        var owner = cluster ?? views.Snapshot().Values.Where(v => v.Nodes.ContainsKey(node)).Select(v => v.Name).FirstOrDefault()
            ?? history.KnownNodes().Where(k => k.Node == node).Select(k => k.Cluster).FirstOrDefault();
        if (owner is null)
        {
            return ApiEndpoints.Error(StatusCodes.Status404NotFound, $"no node named '{node}' has ever reported; pass cluster= if the name is in several clusters");
        }

        if (step is not null)
        {
            var (buckets, stepMs, source) = history.Stepped(owner, node, metric, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), (long)stepSpan.TotalMilliseconds);
            var json = buckets.Select(b => new BucketJson(DateTimeOffset.FromUnixTimeMilliseconds(b.StartUnixMs), b.Avg, b.Min, b.Max, b.Last, b.Count)).ToList();
            return Results.Json(new HistoryJson(owner, node, metric, from, to, stepMs / 1000, source, false, null, json), ApiJsonContext.Default.HistoryJson);
        }

        var max = Math.Clamp(limit ?? options.Value.HistoryQueryLimit, 1, options.Value.HistoryQueryLimit);
        var points = history.Raw(owner, node, metric, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds(), max + 1);
        var raw = points.Take(max).Select(p => new HistoryPointJson(DateTimeOffset.FromUnixTimeMilliseconds(p.AtUnixMs), p.Seq, p.Value, p.Text)).ToList();
        return Results.Json(new HistoryJson(owner, node, metric, from, to, null, "raw", points.Count > max, raw, null), ApiJsonContext.Default.HistoryJson);
    }
}
