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
    private ulong _heldByRound;
    private DateTimeOffset _heldByRoundSince;

    /// <summary>An operator stopped the node on purpose (a drill): self-repair leaves it down until then.</summary>
    public void HoldDown(DateTimeOffset until, string reason) => Hold(until, reason, 0, default);

    /// <summary>
    /// A recovery round fenced the node: held until the round starts it (or bootstraps it), or until the
    /// collector's advice, issued after the fence (<paramref name="issuedAt"/>, the collector's clock),
    /// shows that round over: a Done or Failed round starts nothing more, and self-repair takes over.
    /// </summary>
    public void HoldForRound(DateTimeOffset until, string reason, ulong round, DateTimeOffset issuedAt) => Hold(until, reason, round, issuedAt);

    /// <summary>Ends a round's hold once fresh advice shows that round is no longer active; true if it did.</summary>
    public bool ReleaseEndedRound(AdviceView? advice)
    {
        lock (_lock)
        {
            if (_heldByRound == 0 || advice is null || advice.IssuedAt <= _heldByRoundSince || advice.ActiveRound == _heldByRound)
            {
                return false;
            }

            (_heldDownUntil, _heldDownReason, _heldByRound) = (DateTimeOffset.MinValue, string.Empty, 0);
            return true;
        }
    }

    private void Hold(DateTimeOffset until, string reason, ulong round, DateTimeOffset issuedAt)
    {
        lock (_lock)
        {
            _heldDownUntil = until;
            _heldDownReason = reason;
            _heldByRound = round;
            _heldByRoundSince = issuedAt;
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
