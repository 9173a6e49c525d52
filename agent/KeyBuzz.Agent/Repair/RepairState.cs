using KeyBuzz.Agent.Core.Evidence;
using KeyBuzz.Agent.Core.Repair;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Repair;

/// <summary>
/// What self-repair knows and reports: the collector's latest advice (with when it arrived), the
/// last position evidence derived from the datadir, and the current repair status. Shared by the shipper
/// (advice in), the repair loop and command executor (updates), and the sampler (reports).
/// </summary>
internal sealed class RepairState(TimeProvider time)
{
    private readonly Lock _lock = new();
    private ClusterAdvice? _advice;
    private DateTimeOffset _adviceReceivedAt;
    private PositionEvidence? _evidence;
    private RepairStatus _status = new() { State = "idle", Reason = "starting" };
    private DateTimeOffset _heldDownUntil;
    private string _heldDownReason = string.Empty;

    /// <summary>An operator stopped the node on purpose (a drill): self-repair leaves it down until then.</summary>
    public void HoldDown(DateTimeOffset until, string reason)
    {
        lock (_lock)
        {
            _heldDownUntil = until;
            _heldDownReason = reason;
        }
    }

    /// <summary>The reason while a hold-down is in force, else null.</summary>
    public string? HeldDown()
    {
        lock (_lock)
        {
            return time.GetUtcNow() < _heldDownUntil ? _heldDownReason : null;
        }
    }

    public void SetAdvice(ClusterAdvice advice)
    {
        lock (_lock)
        {
            _advice = advice;
            _adviceReceivedAt = time.GetUtcNow();
        }
    }

    /// <summary>The advice if it arrived within <paramref name="maxAge"/>, else null.</summary>
    public AdviceView? FreshAdvice(TimeSpan maxAge)
    {
        lock (_lock)
        {
            if (_advice is not { } a || time.GetUtcNow() - _adviceReceivedAt > maxAge)
            {
                return null;
            }

            return new AdviceView(a.PrimaryElsewhere, a.PrimaryStateUuid, [.. a.PrimaryNodes], a.SelfEvicted, a.Maintenance, a.ActiveRound, a.AutomaticActionsStopped,
                DateTimeOffset.FromUnixTimeMilliseconds(a.IssuedAtUnixMs));
        }
    }

    /// <summary>The latest --wsrep-recover result, whatever datadir it came from: check freshness before use.</summary>
    public void SetEvidence(PositionEvidence? evidence)
    {
        lock (_lock)
        {
            _evidence = evidence;
        }
    }

    public PositionEvidence? Evidence()
    {
        lock (_lock)
        {
            return _evidence;
        }
    }

    /// <summary>The evidence only if it still describes the datadir as it is now.</summary>
    public PositionEvidence? FreshEvidence(DatadirIdentity current)
    {
        lock (_lock)
        {
            return _evidence is { } e && e.IsFreshFor(current) ? e : null;
        }
    }

    public void SetStatus(string state, string reason, uint restartsInWindow)
    {
        lock (_lock)
        {
            var since = _status.State == state ? _status.SinceUnixMs : time.GetUtcNow().ToUnixTimeMilliseconds();
            _status = new RepairStatus { State = state, Reason = reason, RestartsInWindow = restartsInWindow, SinceUnixMs = since };
        }
    }

    public RepairStatus Status()
    {
        lock (_lock)
        {
            return _status.Clone();
        }
    }
}
