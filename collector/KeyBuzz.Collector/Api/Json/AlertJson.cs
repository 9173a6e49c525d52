namespace KeyBuzz.Collector.Api.Json;

/// <summary>A pending or firing alert. StartsAt: when it fired (pending: when its condition started).</summary>
internal sealed record AlertJson(
    string Name,
    string State,
    string Severity,
    string Cluster,
    string? Node,
    DateTimeOffset ActiveSince,
    DateTimeOffset StartsAt,
    string Summary,
    string Description,
    IReadOnlyDictionary<string, string> Labels);
