namespace KeyBuzz.Collector.Core.Recovery;

/// <param name="AutoBootstrapAllowed">Automatic bootstraps enabled and the per-window limit not reached.</param>
public sealed record RoundSettings(TimeSpan OutageConfirm, TimeSpan GrantTtl, TimeSpan SyncedTimeout, bool AutoBootstrapAllowed, int MaxGrantsPerRound);
