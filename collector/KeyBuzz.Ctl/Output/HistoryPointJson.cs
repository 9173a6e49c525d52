namespace KeyBuzz.Ctl.Output;

internal sealed record HistoryPointJson(DateTimeOffset AtUtc, ulong Seq, string InstanceId, double? Value, string? Text);
