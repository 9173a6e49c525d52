namespace KeyBuzz.Collector.Api.Json;

internal sealed record AlertListJson(DateTimeOffset Now, IReadOnlyList<AlertJson> Alerts);
