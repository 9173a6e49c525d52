using System.Collections.Immutable;

namespace KeyBuzz.Collector.Core.Components;

/// <summary>
/// One Primary Component as the collector observed it: a cluster state UUID and configuration id,
/// the nodes seen Primary in it, and the highest seqno seen committed in it. Ids are the collector's
/// own, in the order components were first seen: Galera's conf_id restarts at 1 after every bootstrap.
/// </summary>
/// <param name="Size">Largest wsrep_cluster_size reported in it: more than the members seen means some member's agent was silent.</param>
/// <param name="View">Its membership as the members report it (size and addresses): a split brain gives two components the same conf_id.</param>
/// <param name="Committed">Highest wsrep_last_committed seen in it (for the latest legit one: of its whole history).</param>
/// <param name="Active">Members whose latest reading is still in it; none and not seen for a while: it is over.</param>
/// <param name="CaughtUpChecks">Readings of members that had applied everything they received, while it was pending.</param>
public sealed record PrimaryComponent(
    long Id,
    string Uuid,
    long ConfId,
    string View,
    ImmutableSortedSet<string> Members,
    long Size,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    long Committed,
    ComponentVerdict Verdict,
    string Reason,
    ImmutableSortedSet<string> Active,
    int CaughtUpChecks)
{
    /// <summary>Every member of it is known by name.</summary>
    public bool MembersComplete => Members.Count >= Size;

    public string Describe() => $"{{{string.Join(", ", Members)}}} ({Uuid} conf {ConfId})";
}
