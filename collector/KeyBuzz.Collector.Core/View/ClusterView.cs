using System.Collections.Immutable;

namespace KeyBuzz.Collector.Core.View;

/// <summary>Immutable snapshot of one cluster: readers never see a half-applied update.</summary>
public sealed record ClusterView(string Name, ImmutableSortedDictionary<string, NodeState> Nodes)
{
    public static ClusterView Empty(string name) => new(name, ImmutableSortedDictionary<string, NodeState>.Empty.WithComparers(StringComparer.Ordinal));
}
