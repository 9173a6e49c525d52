namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>One coordinated recovery of one cluster, persisted so a collector restart resumes it.</summary>
/// <param name="Status">What the round is doing now, in operator words (shown by kbctl status).</param>
/// <param name="Grants">Every grant issued in this round, newest last; at most one is live.</param>
/// <param name="Started">Nodes sent a normal start in this round.</param>
/// <param name="Commands">Start and fence commands with their delivery state, newest last.</param>
/// <param name="Decision">The last planner decision recorded as an event: a new event only when it changes.</param>
/// <param name="RefusedEvidence">Evidence tokens a grant of this round was refused on.</param>
/// <param name="PcRecoveryStalledAt">When this round found that pc.recovery would not reform the running members: from then on they are stopped, never waited for or completed.</param>
/// <param name="DecisionSince">Since when <paramref name="Decision"/> has held (a decision that should resolve by itself is given a limit).</param>
public sealed record RecoveryRound(
    ulong Id,
    string Cluster,
    RoundPhase Phase,
    DateTimeOffset OpenedAt,
    DateTimeOffset PhaseSince,
    string Status,
    string? Rule,
    IReadOnlyList<BootstrapGrant> Grants,
    IReadOnlyList<string> Started,
    IReadOnlyList<RoundCommand>? Commands = null,
    string Decision = "",
    IReadOnlyList<string>? RefusedEvidence = null,
    DateTimeOffset? DecisionSince = null,
    DateTimeOffset? PcRecoveryStalledAt = null)
{
    public BootstrapGrant? Grant => Grants.Count > 0 ? Grants[^1] : null;

    public bool IsActive => Phase is not (RoundPhase.Done or RoundPhase.Failed);

    public IReadOnlyList<RoundCommand> CommandLog => Commands ?? [];

    public IReadOnlyList<string> Refused => RefusedEvidence ?? [];

    /// <summary>Nodes this round fenced: they rejoin last.</summary>
    public IEnumerable<string> Fenced => CommandLog.Where(c => c.Kind == RoundCommandKind.Fence).Select(c => c.Node).Distinct(StringComparer.Ordinal);
}
