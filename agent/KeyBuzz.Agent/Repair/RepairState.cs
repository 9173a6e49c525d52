using KeyBuzz.Agent.Core.Repair;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Repair;

/// <summary>
/// What self-repair knows and reports: the collector's latest advice (with when it arrived), the
/// position recovered in this down episode, and the current repair status. Shared by the shipper
/// (advice in), the repair loop and command executor (updates), and the sampler (reports).
/// </summary>
internal sealed class RepairState(TimeProvider time)
{
    private readonly Lock _lock = new();
    private ClusterAdvice? _advice;
    private DateTimeOffset _adviceReceivedAt;
    private RecoveredPosition? _recovered;
    private LocalPosition? _recoveredPosition;
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

            return new AdviceView(a.PrimaryElsewhere, a.PrimaryStateUuid, [.. a.PrimaryNodes], a.SelfEvicted, a.Maintenance, a.ActiveRound);
        }
    }

    public void SetRecovered(RecoveredPosition? recovered, LocalPosition? position)
    {
        lock (_lock)
        {
            _recovered = recovered;
            _recoveredPosition = position;
        }
    }

    public (RecoveredPosition? Report, LocalPosition? Position) Recovered()
    {
        lock (_lock)
        {
            return (_recovered, _recoveredPosition);
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
