using KeyBuzz.Agent.Core.OnDisk;

namespace KeyBuzz.Agent.Repair;

/// <summary>This node's facts, read fresh right before a decision. grastate.dat alone is never a position: see PositionEvidence.</summary>
internal sealed record LocalObservation(bool MariadbRunning, GrastateFile? Grastate, string? GrastateError);
