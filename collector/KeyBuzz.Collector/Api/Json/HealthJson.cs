namespace KeyBuzz.Collector.Api.Json;

internal sealed record HealthJson(string Status, IReadOnlyList<string> Checks);
