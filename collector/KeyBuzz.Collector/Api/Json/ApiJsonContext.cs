using System.Text.Json.Serialization;

namespace KeyBuzz.Collector.Api.Json;

/// <summary>Field names are part of the API: camelCase, nulls left out.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ClusterListJson))]
[JsonSerializable(typeof(ClusterJson))]
[JsonSerializable(typeof(AlertListJson))]
[JsonSerializable(typeof(EventListJson))]
[JsonSerializable(typeof(HistoryJson))]
[JsonSerializable(typeof(ErrorJson))]
[JsonSerializable(typeof(HealthJson))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
