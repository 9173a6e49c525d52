using KeyBuzz.Agent.Core.Evidence;

namespace KeyBuzz.Agent.Core.Repair;

/// <summary>Everything the repair guard looks at; gathered fresh right before it decides.</summary>
/// <param name="GrastateSeqno">Null when grastate.dat is missing or unreadable.</param>
/// <param name="Evidence">What --wsrep-recover found on the datadir as it is now (null: nothing fresh yet).</param>
/// <param name="Advice">Null when the collector's advice is missing or too old.</param>
/// <param name="DownSince">When this node was first seen down in this episode.</param>
public sealed record RepairInputs(
    DateTimeOffset Now,
    bool MariadbRunning,
    long? GrastateSeqno,
    PositionEvidence? Evidence,
    AdviceView? Advice,
    RestartBudget Budget,
    DateTimeOffset DownSince,
    TimeSpan EvictionWaitMax);
