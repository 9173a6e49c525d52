using System.Text.Json.Serialization;

namespace KeyBuzz.Collector.Alerts;

/// <summary>One alert in Alertmanager's v2 API format (POST /api/v2/alerts).</summary>
internal sealed record PostableAlert(
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string> Annotations,
    [property: JsonPropertyName("startsAt")] DateTimeOffset StartsAt,
    [property: JsonPropertyName("endsAt")] DateTimeOffset EndsAt,
    [property: JsonPropertyName("generatorURL")] string GeneratorUrl);
