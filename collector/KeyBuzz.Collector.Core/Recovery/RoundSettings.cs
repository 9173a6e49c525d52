namespace KeyBuzz.Collector.Core.Recovery;

/// <param name="AutoBootstrapAllowed">Automatic bootstraps enabled and the per-window limit not reached.</param>
/// <param name="ResendAfter">An unanswered command or grant is sent again (same id) after this.</param>
/// <param name="RetryAfter">A command answered but without effect (or refused) is tried again (new id) after this, doubling up to a minute.</param>
/// <param name="MaxAttempts">Attempts (ids) per node and kind before the round gives up on it (about ten minutes with the doubling).</param>
public sealed record RoundSettings(
    TimeSpan OutageConfirm,
    TimeSpan GrantTtl,
    TimeSpan SyncedTimeout,
    bool AutoBootstrapAllowed,
    int MaxGrantsPerRound,
    TimeSpan? ResendAfter = null,
    TimeSpan? RetryAfter = null,
    int MaxAttempts = 12,
    TimeSpan? ProvenConfirm = null,
    TimeSpan? PcRecoveryLimit = null)
{
    /// <summary>
    /// How long the round lets Galera's pc.recovery reform a component whose members all run. It
    /// takes seconds when it can; when it cannot ("No node with complete state", a member that was
    /// still joining), Galera never retries, so the round stops them and decides from their datadirs.
    /// </summary>
    public TimeSpan PcRecoveryWait => PcRecoveryLimit ?? TimeSpan.FromSeconds(30);

    /// <summary>
    /// The confirmation of an outage every agent proves (<see cref="RoundFacts.OutageProven"/>): two
    /// 1 Hz samples, not <see cref="OutageConfirm"/>. The decision still needs every position fresh.
    /// </summary>
    public TimeSpan ProvenOutageConfirm => TimeSpan.FromTicks(Math.Min((ProvenConfirm ?? TimeSpan.FromSeconds(1)).Ticks, OutageConfirm.Ticks));

    /// <summary>How long a node that accepted a bootstrap may report no mariadbd before the round fails (its start takes a second).</summary>
    public static TimeSpan BootstrapGone => TimeSpan.FromSeconds(30);

    public TimeSpan Resend => ResendAfter ?? TimeSpan.FromSeconds(3);

    public TimeSpan Retry => RetryAfter ?? TimeSpan.FromSeconds(15);

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: a refusal a human must fix is retried ever more slowly.</summary>
    public TimeSpan RetryBefore(int attempt)
    {
        var wait = Retry * Math.Pow(2, Math.Max(0, attempt - 1));
        return wait > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : wait;
    }
}
