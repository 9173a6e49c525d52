namespace KeyBuzz.Ctl.Output;

internal sealed record HistoryJson(string Node, string Metric, bool Truncated, IReadOnlyList<HistoryPointJson> Points);
