namespace KeyBuzz.Agent.Core.Repair;

/// <summary>What the guard decided, the state to report, and why, in operator words.</summary>
public sealed record RepairDecision(RepairAction Action, string State, string Reason, LocalPosition? StartPosition = null);
