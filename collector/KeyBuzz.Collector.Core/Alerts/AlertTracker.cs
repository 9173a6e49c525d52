using System.Collections.Immutable;

namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>
/// Prometheus' alert lifecycle, pure: a condition is pending until it has held for its <c>for</c>,
/// then firing; a firing alert whose condition is gone is resolved; a pending one just disappears.
/// </summary>
public static class AlertTracker
{
    public static AlertStep Step(ImmutableDictionary<string, ActiveAlert> previous, IEnumerable<AlertCondition> conditions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(conditions);
        var next = ImmutableDictionary.CreateBuilder<string, ActiveAlert>(StringComparer.Ordinal);
        var transitions = new List<AlertTransition>();
        foreach (var condition in conditions)
        {
            if (next.ContainsKey(condition.Key))
            {
                continue; // a rule that reports the same alert twice counts once
            }

            var since = previous.TryGetValue(condition.Key, out var known) ? known.ActiveSince : now;
            var firing = now - since >= condition.For;
            var wasFiring = known?.Phase == AlertPhase.Firing;
            var alert = new ActiveAlert(condition, firing ? AlertPhase.Firing : AlertPhase.Pending, since, firing ? known?.FiringSince ?? now : null);
            next[condition.Key] = alert;
            if (known is null && !firing)
            {
                transitions.Add(new AlertTransition(condition, AlertPhase.Pending, now, since));
            }
            else if (firing && !wasFiring)
            {
                transitions.Add(new AlertTransition(condition, AlertPhase.Firing, now, since));
            }
        }

        foreach (var (key, alert) in previous)
        {
            if (!next.ContainsKey(key) && alert.Phase == AlertPhase.Firing)
            {
                transitions.Add(new AlertTransition(alert.Condition, AlertPhase.Resolved, now, alert.ActiveSince));
            }
        }

        return new AlertStep(next.ToImmutable(), transitions);
    }
}
