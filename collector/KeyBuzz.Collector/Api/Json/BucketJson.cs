namespace KeyBuzz.Collector.Api.Json;

/// <summary>One step of a stepped history query: aggregates of the readings in [At, At + step).</summary>
internal sealed record BucketJson(DateTimeOffset At, double Avg, double Min, double Max, double Last, long Count);
