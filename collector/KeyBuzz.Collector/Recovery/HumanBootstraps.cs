using System.Collections.Concurrent;
using KeyBuzz.Collector.Core.Components;

namespace KeyBuzz.Collector.Recovery;

/// <summary>
/// Bootstraps a human decided (approved or forced grants the agent accepted), so the component
/// they form is taken as the history going on. Filled by the coordinator; recent ones only.
/// </summary>
internal sealed class HumanBootstraps(TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, List<HumanBootstrap>> _byCluster = new(StringComparer.Ordinal);

    public void Add(string cluster, HumanBootstrap bootstrap)
    {
        var list = _byCluster.GetOrAdd(cluster, _ => []);
        lock (list)
        {
            list.RemoveAll(b => time.GetUtcNow() - b.At > Keep);
            list.Add(bootstrap);
        }
    }

    public IReadOnlyList<HumanBootstrap> For(string cluster)
    {
        if (!_byCluster.TryGetValue(cluster, out var list))
        {
            return [];
        }

        lock (list)
        {
            return [.. list];
        }
    }
}
