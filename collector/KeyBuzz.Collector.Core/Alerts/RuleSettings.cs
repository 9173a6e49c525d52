namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>
/// How one rule is tuned. Threshold and CriticalThreshold mean what the rule says they mean
/// (a percent, a queue length…); rules without thresholds ignore them.
/// </summary>
public sealed record RuleSettings(bool Enabled, TimeSpan For, double Threshold = 0, TimeSpan CriticalFor = default, double CriticalThreshold = 0);
