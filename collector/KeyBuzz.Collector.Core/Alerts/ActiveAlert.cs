namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>An alert that is pending or firing. ActiveSince is when its condition started to hold.</summary>
public sealed record ActiveAlert(AlertCondition Condition, AlertPhase Phase, DateTimeOffset ActiveSince, DateTimeOffset? FiringSince)
{
    /// <summary>When it starts (or started) to fire; Alertmanager's startsAt.</summary>
    public DateTimeOffset StartsAt => FiringSince ?? ActiveSince;
}
