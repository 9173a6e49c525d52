using System.Collections.Immutable;
using KeyBuzz.Collector.Core.Alerts;

namespace KeyBuzz.Collector.Core.Tests.Alerts;

public sealed class AlertTrackerTests
{
    private static readonly AlertCondition Shrunk = new("GaleraClusterShrunk", "kblab", "", AlertSeverity.Warning, TimeSpan.FromSeconds(20), "2 of 3", "check node3");

    private static AlertStep Run(params (int Second, bool Active)[] timeline)
    {
        var state = ImmutableDictionary<string, ActiveAlert>.Empty;
        var transitions = new List<AlertTransition>();
        foreach (var (second, active) in timeline)
        {
            var step = AlertTracker.Step(state, active ? [Shrunk] : [], Readings.T0.AddSeconds(second));
            state = step.Active;
            transitions.AddRange(step.Transitions);
        }

        return new AlertStep(state, transitions);
    }

    [Fact]
    public void New_condition_is_pending_then_fires_after_for()
    {
        var pending = Run((0, true), (19, true));
        Assert.Equal(AlertPhase.Pending, Assert.Single(pending.Active.Values).Phase);

        var firing = Run((0, true), (19, true), (20, true));
        var alert = Assert.Single(firing.Active.Values);
        Assert.Equal(AlertPhase.Firing, alert.Phase);
        Assert.Equal(Readings.T0.AddSeconds(20), alert.StartsAt);
        Assert.Equal([AlertPhase.Pending, AlertPhase.Firing], firing.Transitions.Select(t => t.Phase));
    }

    [Fact]
    public void Firing_alert_resolves_when_condition_clears()
    {
        var step = Run((0, true), (25, true), (30, false));
        Assert.Empty(step.Active);
        Assert.Equal([AlertPhase.Pending, AlertPhase.Firing, AlertPhase.Resolved], step.Transitions.Select(t => t.Phase));
    }

    [Fact]
    public void Pending_alert_that_clears_is_dropped_without_resolution()
    {
        var step = Run((0, true), (5, false), (6, true));
        Assert.Equal(AlertPhase.Pending, Assert.Single(step.Active.Values).Phase);
        Assert.Equal(Readings.T0.AddSeconds(6), step.Active.Values.Single().ActiveSince); // the clock restarts
        Assert.DoesNotContain(step.Transitions, t => t.Phase == AlertPhase.Resolved);
    }

    [Fact]
    public void Zero_for_fires_at_once()
    {
        var immediate = Shrunk with { For = TimeSpan.Zero };
        var step = AlertTracker.Step(ImmutableDictionary<string, ActiveAlert>.Empty, [immediate], Readings.T0);
        Assert.Equal(AlertPhase.Firing, Assert.Single(step.Active.Values).Phase);
        Assert.Equal(AlertPhase.Firing, Assert.Single(step.Transitions).Phase);
    }
}
