namespace KeyBuzz.Collector.Api.Json;

internal sealed record ClusterListJson(DateTimeOffset Now, IReadOnlyList<ClusterJson> Clusters);
