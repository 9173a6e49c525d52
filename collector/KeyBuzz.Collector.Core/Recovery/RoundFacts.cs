namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>The live facts a round step needs besides the planner's decision.</summary>
/// <param name="NoPrimarySince">Since when no answering node is Primary (null: some node is Primary, or none answers).</param>
/// <param name="SyncedPrimary">Nodes that are Primary and Synced now.</param>
/// <param name="Running">Nodes whose mariadbd runs now.</param>
/// <param name="Stopped">Reporting nodes whose mariadbd does not run.</param>
/// <param name="Startable">Nodes that answer, are down, not in maintenance, and did not serve a forked history.</param>
/// <param name="Expected">Nodes that should end Synced (answering, not in maintenance, not from a forked history).</param>
/// <param name="Fork">The forked history found by the collector (its headline), else null: automatic actions stop.</param>
/// <param name="OutageProven">Every node (maintenance aside) reports, and reports its mariadbd not running: positive
/// evidence of a full outage, not the silence or a non-Primary view that the confirmation period waits out.</param>
public sealed record RoundFacts(
    string Cluster,
    DateTimeOffset Now,
    DateTimeOffset? NoPrimarySince,
    IReadOnlySet<string> SyncedPrimary,
    IReadOnlySet<string> Running,
    IReadOnlySet<string> Startable,
    IReadOnlySet<string> Expected,
    IReadOnlySet<string>? Stopped = null,
    string? Fork = null,
    bool OutageProven = false)
{
    public IReadOnlySet<string> Down => Stopped ?? new HashSet<string>(Startable, StringComparer.Ordinal);
}
