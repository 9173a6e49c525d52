using KeyBuzz.Collector.Core.Alerts;

namespace KeyBuzz.Collector.Alerts;

/// <summary>A firing alert whose condition cleared at ResolvedAt.</summary>
internal sealed record ResolvedAlert(AlertCondition Condition, DateTimeOffset StartsAt, DateTimeOffset ResolvedAt);
