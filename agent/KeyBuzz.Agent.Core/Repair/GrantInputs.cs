namespace KeyBuzz.Agent.Core.Repair;

/// <summary>What the agent checks right before acting on a bootstrap grant, before it reads its datadir.</summary>
/// <param name="PeersPrimary">Peers this agent itself found Primary (direct SQL check), besides the advice.</param>
/// <param name="Forced">A human forced this grant (kbctl bootstrap force).</param>
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
    bool Forced);
