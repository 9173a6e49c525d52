namespace KeyBuzz.Collector.Api.Json;

/// <summary>An event: Kind "alert" (State pending|firing|resolved) or "view" (membership change).</summary>
internal sealed record EventJson(DateTimeOffset At, string Kind, string Cluster, string? Node, string Name, string State, string Severity, string Summary, string Description);
