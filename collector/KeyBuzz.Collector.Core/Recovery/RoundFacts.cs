namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>The live facts a round step needs besides the planner's decision.</summary>
/// <param name="NoPrimarySince">Since when no answering node is Primary (null: some node is Primary, or none answers).</param>
/// <param name="SyncedPrimary">Nodes that are Primary and Synced now.</param>
/// <param name="Running">Nodes whose mariadbd runs now.</param>
/// <param name="Startable">Nodes that answer, are down, and are not in maintenance.</param>
/// <param name="Expected">Nodes that should end Synced (answering, not in maintenance).</param>
public sealed record RoundFacts(
    string Cluster,
    DateTimeOffset Now,
    DateTimeOffset? NoPrimarySince,
    IReadOnlySet<string> SyncedPrimary,
    IReadOnlySet<string> Running,
    IReadOnlySet<string> Startable,
    IReadOnlySet<string> Expected);
