using KeyBuzz.Agent.Core.OnDisk;
using KeyBuzz.Agent.Core.Repair;

namespace KeyBuzz.Agent.Repair;

/// <summary>This node's facts, read fresh right before a decision.</summary>
internal sealed record LocalObservation(bool MariadbRunning, GrastateFile? Grastate, string? GrastateError)
{
    /// <summary>grastate's position after a clean shutdown, else the recovered one.</summary>
    public LocalPosition? Position(LocalPosition? recovered) =>
        Grastate is { HasPosition: true } g ? new LocalPosition(g.Uuid, g.Seqno) : recovered;
}
