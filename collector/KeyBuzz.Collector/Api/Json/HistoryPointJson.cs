namespace KeyBuzz.Collector.Api.Json;

/// <summary>One raw reading's value (Value for numbers, Text otherwise).</summary>
internal sealed record HistoryPointJson(DateTimeOffset At, ulong Seq, double? Value, string? Text);
