using KeyBuzz.Collector.Core.Recovery;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Core.Advice;

/// <summary>Computes a node's advice from the live view (pure).</summary>
public static class AdviceRules
{
    public static NodeAdvice For(ClusterView view, string node, IReadOnlyDictionary<string, NodeAssessment> assessments, bool maintenance, ulong activeRound)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(assessments);
        var primary = view.Nodes.Values
            .Where(n => n.Node != node && assessments.TryGetValue(n.Node, out var a) && a.Reporting && Components.ComponentObserver.IsPrimary(n.Latest))
            .ToList();
        var uuids = primary.Select(n => n.Latest.Text(WsrepStatus.ClusterStateUuid)).Distinct().ToList();
        // Evicted: the Primary nodes count only themselves (a garbd would keep this false; the agent then waits a bounded time).
        var evicted = primary.Count > 0 && primary.All(n => n.Latest.Long(WsrepStatus.ClusterSize) is { } size && size <= primary.Count);
        return new NodeAdvice(
            primary.Count > 0,
            uuids.Count == 1 ? uuids[0] ?? string.Empty : string.Empty,
            [.. primary.Select(n => n.Node)],
            evicted,
            maintenance,
            activeRound);
    }
}
