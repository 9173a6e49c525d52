using System.Collections.Immutable;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Ingest;

/// <summary>The live view of every cluster. Only the ingest writer replaces it; readers take a snapshot.</summary>
internal sealed class ClusterViewStore
{
    private ImmutableSortedDictionary<string, ClusterView> _clusters = ImmutableSortedDictionary<string, ClusterView>.Empty.WithComparers(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, ClusterView> Snapshot() => Volatile.Read(ref _clusters);

    public void Publish(ImmutableSortedDictionary<string, ClusterView> clusters) => Volatile.Write(ref _clusters, clusters);
}
