namespace KeyBuzz.Agent.Core.Repair;

/// <summary>The collector's latest advice as the guard needs it (already checked for freshness by the caller).</summary>
/// <param name="AutomaticActionsStopped">Why automatic actions are stopped for the cluster (a forked history), empty when they are not.</param>
/// <param name="IssuedAt">When the collector issued it (its clock).</param>
public sealed record AdviceView(
    bool PrimaryElsewhere,
    string PrimaryStateUuid,
    IReadOnlyList<string> PrimaryNodes,
    bool SelfEvicted,
    bool Maintenance,
    ulong ActiveRound,
    string AutomaticActionsStopped = "",
    DateTimeOffset IssuedAt = default);
