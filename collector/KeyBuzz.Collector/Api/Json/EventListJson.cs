namespace KeyBuzz.Collector.Api.Json;

internal sealed record EventListJson(IReadOnlyList<EventJson> Events, bool Truncated);
