namespace KeyBuzz.Collector.Api.Json;

/// <summary>A cluster in GET /api/v1/clusters (Nodes only in the single-cluster form).</summary>
internal sealed record ClusterJson(
    string Name,
    bool Healthy,
    int NodeCount,
    int NodesReporting,
    int NodesSynced,
    int AlertsFiring,
    IReadOnlyList<string> Problems,
    string? Recovery,
    IReadOnlyList<NodeJson>? Nodes);
