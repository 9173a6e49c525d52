namespace KeyBuzz.Collector.Api.Json;

internal sealed record ErrorJson(string Error);
