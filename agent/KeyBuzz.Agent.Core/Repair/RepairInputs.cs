namespace KeyBuzz.Agent.Core.Repair;

/// <summary>Everything the repair guard looks at; gathered fresh right before it decides.</summary>
/// <param name="GrastateSeqno">Null when grastate.dat is missing or unreadable.</param>
/// <param name="Recovered">The --wsrep-recover result of this down episode, if run.</param>
/// <param name="RecoverError">Why the last --wsrep-recover of this episode failed.</param>
/// <param name="Advice">Null when the collector's advice is missing or too old.</param>
/// <param name="DownSince">When this node was first seen down in this episode.</param>
public sealed record RepairInputs(
    DateTimeOffset Now,
    bool MariadbRunning,
    long? GrastateSeqno,
    string? GrastateUuid,
    LocalPosition? Recovered,
    string? RecoverError,
    AdviceView? Advice,
    RestartBudget Budget,
    DateTimeOffset DownSince,
    TimeSpan EvictionWaitMax);
