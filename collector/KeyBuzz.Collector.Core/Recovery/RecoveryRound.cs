namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>One coordinated recovery of one cluster, persisted so a collector restart resumes it.</summary>
/// <param name="Status">What the round is doing now, in operator words (shown by kbctl status).</param>
/// <param name="Grants">Every grant issued in this round, newest last; at most one is live.</param>
/// <param name="Started">Nodes sent a normal start in this round.</param>
public sealed record RecoveryRound(
    ulong Id,
    string Cluster,
    RoundPhase Phase,
    DateTimeOffset OpenedAt,
    DateTimeOffset PhaseSince,
    string Status,
    string? Rule,
    IReadOnlyList<BootstrapGrant> Grants,
    IReadOnlyList<string> Started)
{
    public BootstrapGrant? Grant => Grants.Count > 0 ? Grants[^1] : null;

    public bool IsActive => Phase is not (RoundPhase.Done or RoundPhase.Failed);
}
