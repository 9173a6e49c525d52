namespace KeyBuzz.Agent.Core.Repair;

/// <summary>What the agent checks right before acting on a bootstrap grant.</summary>
/// <param name="PeersPrimary">Peers this agent itself found Primary (direct SQL check), besides the advice.</param>
public sealed record GrantInputs(
    string MyNode,
    string GrantNode,
    bool AlreadyUsed,
    DateTimeOffset Now,
    DateTimeOffset ReceivedAt,
    DateTimeOffset IssuedAt,
    TimeSpan Ttl,
    TimeSpan ClockSkewAllowance,
    bool MariadbRunning,
    AdviceView? Advice,
    IReadOnlyList<string> PeersPrimary,
    LocalPosition? Position,
    string ExpectedUuid,
    long ExpectedSeqno,
    bool Forced);
