using System.Collections.Immutable;

namespace KeyBuzz.Collector.Core.Components;

/// <summary>
/// What history proves about one cluster's Primary Components (immutable, persisted by the
/// collector): every component seen, the latest legit one (its members and the highest seqno seen
/// committed in its history), the component each node was last seen Primary in, and a fork if one
/// was found.
/// </summary>
public sealed record ComponentLedger(
    ImmutableList<PrimaryComponent> Components,
    long? LatestId,
    ImmutableSortedDictionary<string, long> LastComponentOf,
    long NextId,
    ForkFinding? Fork,
    ImmutableSortedSet<string> ConsumedGrants)
{
    public static readonly ComponentLedger Empty = new(
        [], null, ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal), 1, null, ImmutableSortedSet.Create<string>(StringComparer.Ordinal));

    /// <summary>The latest Primary Component that holds the cluster's history.</summary>
    public PrimaryComponent? Latest => LatestId is { } id ? Find(id) : null;

    /// <summary>The fork that stops automatic actions (null once a human acknowledged it).</summary>
    public ForkFinding? ActiveFork => Fork is { Acknowledged: false } fork ? fork : null;

    public PrimaryComponent? Find(long id) => Components.FirstOrDefault(c => c.Id == id);

    /// <summary>
    /// The node was last Primary in a component older than the latest one, and every member of the
    /// latest one is known: it left before the others, so the latest has everything it committed.
    /// </summary>
    public bool ProvablyBehind(string node) =>
        Latest is { MembersComplete: true } latest &&
        !latest.Members.Contains(node) &&
        LastComponentOf.TryGetValue(node, out var last) &&
        last < latest.Id &&
        Find(last) is not { Verdict: ComponentVerdict.Forked };

    /// <summary>The node was last Primary in a forked component: its data diverged from the latest history.</summary>
    public bool ServedFork(string node) =>
        LastComponentOf.TryGetValue(node, out var last) && Find(last) is { Verdict: ComponentVerdict.Forked };

    /// <summary>Members of the latest Primary Component, or empty when none is known.</summary>
    public IReadOnlySet<string> LatestMembers => Latest?.Members ?? ImmutableSortedSet<string>.Empty;

    /// <summary>The highest seqno seen committed in the latest Primary Component's history, per its UUID.</summary>
    public (string Uuid, long Seqno)? HighWater => Latest is { } latest ? (latest.Uuid, latest.Committed) : null;
}
