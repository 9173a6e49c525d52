namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>An alert changed phase at <see cref="At"/>; stored as an event.</summary>
public sealed record AlertTransition(AlertCondition Condition, AlertPhase Phase, DateTimeOffset At, DateTimeOffset ActiveSince);
