namespace KeyBuzz.Collector.Api.Json;

/// <summary>GET /api/v1/history/{node}: raw Points without step, Buckets with step (Source "raw" or "1m").</summary>
internal sealed record HistoryJson(
    string Cluster,
    string Node,
    string Metric,
    DateTimeOffset Since,
    DateTimeOffset Until,
    long? StepSeconds,
    string Source,
    bool Truncated,
    IReadOnlyList<HistoryPointJson>? Points,
    IReadOnlyList<BucketJson>? Buckets);
