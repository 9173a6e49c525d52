namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>
/// One rule's finding right now: the alert is active for (cluster, node). Node is empty for a
/// cluster-wide alert. It becomes firing once it has been active for <see cref="For"/>.
/// </summary>
public sealed record AlertCondition(
    string Name,
    string Cluster,
    string Node,
    AlertSeverity Severity,
    TimeSpan For,
    string Summary,
    string Description)
{
    /// <summary>Identity of the alert: severities of one rule are separate alerts, as in Prometheus.</summary>
    public string Key => $"{Name}|{Cluster}|{Node}|{SeverityLabel}";

    public string SeverityLabel => Severity.ToString().ToLowerInvariant();
}
