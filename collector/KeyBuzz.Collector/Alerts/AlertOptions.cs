namespace KeyBuzz.Collector.Alerts;

/// <summary>Section "Alerts".</summary>
internal sealed class AlertOptions
{
    public const string Section = "Alerts";

    public int EvaluationIntervalMs { get; set; } = 1000;

    /// <summary>Per-rule overrides, keyed by rule name (see docs/alerting-and-api.md for the list).</summary>
    public Dictionary<string, RuleOptions> Rules { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Nodes each cluster should have; by default, every node that ever reported.</summary>
    public Dictionary<string, int> ExpectedClusterSize { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Events (alert transitions, view changes) older than this are deleted.</summary>
    public int EventRetentionDays { get; set; } = 90;

    public AlertmanagerOptions Alertmanager { get; set; } = new();
}
