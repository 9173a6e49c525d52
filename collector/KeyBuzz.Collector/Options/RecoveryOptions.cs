namespace KeyBuzz.Collector.Options;

/// <summary>Section "Recovery": coordinated recovery after a full outage.</summary>
internal sealed class RecoveryOptions
{
    public const string Section = "Recovery";

    /// <summary>When false every bootstrap waits for `kbctl bootstrap approve`.</summary>
    public bool AutoBootstrap { get; set; } = true;

    /// <summary>No node Primary for this long (with agents answering) declares a full outage.</summary>
    public int OutageConfirmSeconds { get; set; } = 5;

    public int GrantTtlSeconds { get; set; } = 30;

    /// <summary>Circuit breaker: at most this many automatic bootstraps per window, then a human.</summary>
    public int MaxAutoBootstraps { get; set; } = 2;

    public int AutoBootstrapWindowMinutes { get; set; } = 60;

    /// <summary>How long a bootstrapped node, and then the others, may take to become Synced.</summary>
    public int SyncedTimeoutSeconds { get; set; } = 600;

    public int MaxGrantsPerRound { get; set; } = 3;

    /// <summary>
    /// Fault injection for tests only: the collector SIGKILLs itself right after persisting a round
    /// step that sends a command of this kind (grant, start or fence), before sending it. Empty: off.
    /// </summary>
    public string CrashAfterPersisting { get; set; } = string.Empty;
}
