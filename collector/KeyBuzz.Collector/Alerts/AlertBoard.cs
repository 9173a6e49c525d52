using System.Collections.Immutable;
using KeyBuzz.Collector.Core.Alerts;

namespace KeyBuzz.Collector.Alerts;

/// <summary>
/// The alerts active right now and those resolved recently (Alertmanager is told about a resolution
/// for a while, as Prometheus does). Written by the evaluator, read by the API, /metrics and the pusher.
/// </summary>
internal sealed class AlertBoard
{
    private static readonly TimeSpan KeepResolved = TimeSpan.FromMinutes(15);

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _changed = new(0, 1);
    private ImmutableDictionary<string, ActiveAlert> _active = ImmutableDictionary<string, ActiveAlert>.Empty;
    private ImmutableList<ResolvedAlert> _resolved = [];

    public ImmutableDictionary<string, ActiveAlert> Active => Volatile.Read(ref _active);

    /// <summary>Active alerts of one cluster (or all), most severe first, then oldest first.</summary>
    public IReadOnlyList<ActiveAlert> Listing(string? cluster) =>
        [.. Active.Values.Where(a => cluster is null || a.Condition.Cluster == cluster).OrderByDescending(a => a.Condition.Severity).ThenBy(a => a.ActiveSince)];

    /// <summary>True once the evaluator has run at least once.</summary>
    public bool Evaluated { get; private set; }

    public IReadOnlyList<ResolvedAlert> Resolved
    {
        get
        {
            lock (_lock)
            {
                return _resolved;
            }
        }
    }

    public void Publish(AlertStep step, DateTimeOffset now)
    {
        Volatile.Write(ref _active, step.Active);
        Evaluated = true;
        var newlyFiring = false;
        lock (_lock)
        {
            foreach (var t in step.Transitions)
            {
                if (t.Phase == AlertPhase.Resolved)
                {
                    _resolved = _resolved.Add(new ResolvedAlert(t.Condition, t.ActiveSince, t.At));
                }

                newlyFiring |= t.Phase is AlertPhase.Firing or AlertPhase.Resolved;
            }

            _resolved = _resolved.RemoveAll(r => now - r.ResolvedAt > KeepResolved || step.Active.ContainsKey(r.Condition.Key));
        }

        if (newlyFiring && _changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // already signalled
            }
        }
    }

    /// <summary>Completes when an alert started firing or resolved, or after <paramref name="timeout"/>.</summary>
    public Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken) => _changed.WaitAsync(timeout, cancellationToken);
}
