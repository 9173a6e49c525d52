namespace KeyBuzz.Collector.Events;

/// <summary>
/// Something that happened to a cluster: an alert changed phase (Kind "alert", State pending,
/// firing or resolved) or the cluster's membership changed (Kind "view").
/// </summary>
internal sealed record StoredEvent(
    DateTimeOffset At,
    string Kind,
    string Cluster,
    string Node,
    string Name,
    string State,
    string Severity,
    string Summary,
    string Description);
