using KeyBuzz.Collector.Alerts;
using KeyBuzz.Collector.Api.Json;
using KeyBuzz.Collector.Core.Alerts;
using KeyBuzz.Collector.Events;
using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Ingest;
using KeyBuzz.Collector.Metrics;
using KeyBuzz.Collector.Options;
using Microsoft.Extensions.Options;
using Prometheus;

namespace KeyBuzz.Collector.Api;

/// <summary>The HTTP side of the collector: JSON API for alerting, /metrics, health probes.</summary>
internal static class ApiEndpoints
{
    private const int MaxEvents = 10_000;

    public static void MapApi(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Json(new HealthJson("ok", []), ApiJsonContext.Default.HealthJson));
        app.MapGet("/readyz", (ReadinessProbe probe) => probe.Check());

        var api = app.MapGroup("/api/v1").AddEndpointFilter<ApiAuthFilter>();
        api.MapGet("/clusters", (ClusterViewStore views, ClusterJsonBuilder builder, TimeProvider time) =>
        {
            var now = time.GetUtcNow();
            var clusters = views.Snapshot().Values.Select(v => builder.Build(v, now, withNodes: false)).ToList();
            return Results.Json(new ClusterListJson(now, clusters), ApiJsonContext.Default.ClusterListJson);
        });
        api.MapGet("/clusters/{name}", (string name, ClusterViewStore views, ClusterJsonBuilder builder, TimeProvider time) =>
            views.Snapshot().TryGetValue(name, out var view)
                ? Results.Json(builder.Build(view, time.GetUtcNow(), withNodes: true), ApiJsonContext.Default.ClusterJson)
                : Error(StatusCodes.Status404NotFound, $"no cluster named '{name}' has reported to this collector"));
        api.MapGet("/alerts", (AlertBoard board, TimeProvider time, string? cluster, string? state) =>
        {
            if (state is not (null or "firing" or "pending"))
            {
                return Error(StatusCodes.Status400BadRequest, $"state '{state}' must be firing or pending");
            }

            var alerts = board.Listing(cluster)
                .Where(a => state is null || a.Phase.ToString().Equals(state, StringComparison.OrdinalIgnoreCase))
                .Select(ToJson)
                .ToList();
            return Results.Json(new AlertListJson(time.GetUtcNow(), alerts), ApiJsonContext.Default.AlertListJson);
        });
        api.MapGet("/events", (EventStore events, TimeProvider time, string? since, string? cluster, string? kind, int? limit) =>
        {
            var now = time.GetUtcNow();
            if (!QueryTime.TryParseTime(since ?? "1h", now, out var from))
            {
                return Error(StatusCodes.Status400BadRequest, $"since '{since}' is not a time: use RFC 3339, Unix seconds, or an age such as 15m, 2h, 7d");
            }

            var max = Math.Clamp(limit ?? 1000, 1, MaxEvents);
            var found = events.Since(from.ToUnixTimeMilliseconds(), cluster, kind, max + 1);
            var list = found.Take(max).Select(e => new EventJson(e.At, e.Kind, e.Cluster, e.Node.Length > 0 ? e.Node : null, e.Name, e.State, e.Severity, e.Summary, e.Description)).ToList();
            return Results.Json(new EventListJson(list, found.Count > max), ApiJsonContext.Default.EventListJson);
        });
        api.MapGet("/history/{node}", HistoryEndpoint.Handle);

        app.MapGet("/metrics", async (HttpContext http, CollectorMetrics metrics, ClusterMetricsExporter exporter, ProxyMetricsExporter proxyExporter, CoordinatorMetricsExporter coordinatorExporter) =>
        {
            _ = (exporter, proxyExporter, coordinatorExporter); // resolving them registers the per-node, per-proxy and coordination series
            http.Response.ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;
            await metrics.Registry.CollectAndExportAsTextAsync(http.Response.Body, ExpositionFormat.PrometheusText, http.RequestAborted);
        }).AddEndpointFilter<ApiAuthFilter>();
    }

    public static IResult Error(int status, string message) => Results.Json(new ErrorJson(message), ApiJsonContext.Default.ErrorJson, statusCode: status);

    private static AlertJson ToJson(ActiveAlert a) => new(
        a.Condition.Name, a.Phase.ToString().ToLowerInvariant(), a.Condition.SeverityLabel, a.Condition.Cluster,
        a.Condition.Node.Length > 0 ? a.Condition.Node : null, a.ActiveSince, a.StartsAt, a.Condition.Summary, a.Condition.Description,
        AlertLabels.For(a.Condition));
}
