namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>Lifecycle of an alert, as Prometheus names it.</summary>
public enum AlertPhase
{
    Pending,
    Firing,
    Resolved,
}
