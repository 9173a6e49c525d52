namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>
/// A start or fence command of a round, with its delivery: it is re-sent (same id) until the agent
/// answers, and tried again (new id) until the readings show its effect or the round gives up.
/// </summary>
/// <param name="Attempt">1 for the first id sent to this node for this kind in the round, then 2, 3, …</param>
/// <param name="Sends">How many times this id was sent.</param>
/// <param name="Abandoned">The round gave up on this node after its last attempt (recorded once).</param>
public sealed record RoundCommand(
    string Id,
    string Node,
    RoundCommandKind Kind,
    int Attempt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    int Sends,
    bool? Accepted,
    string? Answer,
    DateTimeOffset? AnsweredAt,
    bool Abandoned = false)
{
    /// <summary>How long the agent accepts a command after it was created; older ones get a new id rather than a re-send.</summary>
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);
}
