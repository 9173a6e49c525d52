using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>
/// A full outage needs positive evidence: at least one agent answers, and every agent that answers
/// says its node is not Primary (mariadbd down, or running outside a Primary Component). Silence is
/// not evidence; the planner then waits for the silent nodes.
/// </summary>
public static class OutageRule
{
    public static bool NoPrimary(ClusterView view, IReadOnlyDictionary<string, NodeAssessment> assessments)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(assessments);
        var answering = view.Nodes.Values.Where(n => assessments.TryGetValue(n.Node, out var a) && a.Reporting).ToList();
        return answering.Count > 0 && answering.All(n => !Components.ComponentObserver.IsPrimary(n.Latest));
    }

    /// <summary>
    /// Every node (maintenance aside) answers and says its mariadbd does not run: the outage is proven,
    /// not inferred (a silent node, or one running outside a Primary Component, proves nothing).
    /// </summary>
    public static bool Proven(ClusterEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var members = evidence.Nodes.Where(n => !n.Maintenance).ToList();
        return members.Count > 0 && members.All(n => n.Reporting && !n.MariadbRunning);
    }
}
