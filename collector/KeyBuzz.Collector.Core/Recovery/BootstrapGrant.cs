using KeyBuzz.Collector.Core.Bootstrap;

namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>A single-use, expiring permission for one node to bootstrap, tied to one recovery round.</summary>
/// <param name="By">"auto", "approved" (kbctl bootstrap approve) or "forced" (kbctl bootstrap force).</param>
/// <param name="Sent">The grant was handed to the agent's stream at least once.</param>
/// <param name="Accepted">The agent's answer: null until it arrives.</param>
/// <param name="DatadirIdentity">The datadir identity the position was derived from: the agent refuses if its datadir is another.</param>
/// <param name="EvidenceToken">The evidence the decision rested on: after a refusal, never decided on again.</param>
/// <param name="LastSentAt">When it was last sent: re-sent while live and unanswered.</param>
public sealed record BootstrapGrant(
    string Id,
    string Node,
    Position Position,
    DateTimeOffset IssuedAt,
    TimeSpan Ttl,
    string By,
    bool Sent,
    bool? Accepted,
    string? Answer,
    string DatadirIdentity = "",
    string EvidenceToken = "",
    DateTimeOffset? LastSentAt = null)
{
    public bool Forced => By == "forced";

    /// <summary>After this the agent refuses the grant by both clocks (it allows 2 s of skew; we wait longer).</summary>
    public DateTimeOffset DeadAfter => IssuedAt + Ttl + TimeSpan.FromSeconds(5);
}
