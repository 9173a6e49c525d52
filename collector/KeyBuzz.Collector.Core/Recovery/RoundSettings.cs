namespace KeyBuzz.Collector.Core.Recovery;

/// <param name="AutoBootstrapAllowed">Automatic bootstraps enabled and the per-window limit not reached.</param>
/// <param name="ResendAfter">An unanswered command or grant is sent again (same id) after this.</param>
/// <param name="RetryAfter">A command answered but without effect (or refused) is tried again (new id) after this.</param>
/// <param name="MaxAttempts">Attempts (ids) per node and kind before the round gives up on it.</param>
public sealed record RoundSettings(
    TimeSpan OutageConfirm,
    TimeSpan GrantTtl,
    TimeSpan SyncedTimeout,
    bool AutoBootstrapAllowed,
    int MaxGrantsPerRound,
    TimeSpan? ResendAfter = null,
    TimeSpan? RetryAfter = null,
    int MaxAttempts = 4)
{
    public TimeSpan Resend => ResendAfter ?? TimeSpan.FromSeconds(3);

    public TimeSpan Retry => RetryAfter ?? TimeSpan.FromSeconds(15);
}
