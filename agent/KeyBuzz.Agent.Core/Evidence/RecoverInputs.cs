namespace KeyBuzz.Agent.Core.Evidence;

/// <summary>What decides whether to (re-)derive this node's position now.</summary>
/// <param name="Evidence">The last --wsrep-recover result of this agent, whatever datadir it came from.</param>
/// <param name="DatadirChangedAt">When the agent last saw the datadir's identity change.</param>
/// <param name="LastFailureAt">When the last run failed (null: the last run worked, or none yet).</param>
/// <param name="Failures">Consecutive failed runs on this datadir.</param>
public sealed record RecoverInputs(
    DateTimeOffset Now,
    bool MariadbRunning,
    bool Maintenance,
    PositionEvidence? Evidence,
    DatadirIdentity Current,
    DateTimeOffset DatadirChangedAt,
    DateTimeOffset? LastFailureAt,
    int Failures);
