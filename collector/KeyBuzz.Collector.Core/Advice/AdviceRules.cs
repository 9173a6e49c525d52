using KeyBuzz.Collector.Core.Recovery;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Core.Advice;

/// <summary>Computes a node's advice from the live view (pure).</summary>
public static class AdviceRules
{
    /// <summary>A peer counts as Primary only on a reading this fresh (in intervals): a node killed with its agent still looks Primary for a few seconds.</summary>
    public const int FreshIntervals = 2;

    public static NodeAdvice For(ClusterView view, string node, IReadOnlyDictionary<string, NodeAssessment> assessments, bool maintenance, ulong activeRound)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(assessments);
        var primary = view.Nodes.Values
            .Where(n => n.Node != node && assessments.TryGetValue(n.Node, out var a) && a.Reporting && a.SinceLastSeen <= n.Agent.Interval * FreshIntervals && Components.ComponentObserver.IsPrimary(n.Latest))
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
