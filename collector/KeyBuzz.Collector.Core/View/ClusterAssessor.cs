using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.View;

/// <summary>Problems only visible across nodes: lost quorum, split views, a shrunken cluster (pure).</summary>
public static class ClusterAssessor
{
    public static IReadOnlyList<string> Assess(ClusterView view, IReadOnlyDictionary<string, NodeAssessment> assessments)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(assessments);
        var problems = new List<string>();
        var live = view.Nodes.Values
            .Where(n => assessments.TryGetValue(n.Node, out var a) && a.Reporting && n.Latest.SqlReachable)
            .ToList();
        var primary = live.Where(n => n.Latest.Text(WsrepStatus.ClusterStatus) == WsrepStatus.Primary).ToList();
        if (view.Nodes.Count > 0 && primary.Count == 0)
        {
            problems.Add("no node reports a Primary component: the cluster does not accept writes");
        }

        var stateUuids = primary.Select(n => n.Latest.Text(WsrepStatus.ClusterStateUuid)).Where(u => u is not null).Distinct().ToList();
        var confIds = primary.Select(n => n.Latest.Long(WsrepStatus.ClusterConfId)).Where(c => c is not null).Distinct().ToList();
        if (stateUuids.Count > 1)
        {
            problems.Add($"split view: Primary nodes disagree on the cluster state UUID ({string.Join(", ", stateUuids)})");
        }
        else if (confIds.Count > 1)
        {
            problems.Add($"Primary nodes disagree on conf_id ({string.Join(", ", confIds)}): membership is changing or split");
        }

        var maxSize = primary.Select(n => n.Latest.Long(WsrepStatus.ClusterSize) ?? 0).DefaultIfEmpty(0).Max();
        if (primary.Count > 0 && maxSize < view.Nodes.Count)
        {
            problems.Add($"cluster size {maxSize} but {view.Nodes.Count} nodes known");
        }

        return problems;
    }
}
