namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>Severity label of an alert (lower-case in every output, as Alertmanager routes expect).</summary>
public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}
