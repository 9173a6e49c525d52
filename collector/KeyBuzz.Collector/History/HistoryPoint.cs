namespace KeyBuzz.Collector.History;

/// <summary>One stored reading's value of one metric (Value for numbers, Text otherwise, both null when absent).</summary>
internal sealed record HistoryPoint(long AtUnixMs, ulong Seq, string InstanceId, double? Value, string? Text);
