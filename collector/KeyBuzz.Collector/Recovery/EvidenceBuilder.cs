using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;
using KeyBuzz.Collector.History;

namespace KeyBuzz.Collector.Recovery;

/// <summary>
/// Gathers the planner's input. Every node that ever reported is included: one whose agent is
/// silent now appears as not reporting, never as absent (silence is not evidence).
/// </summary>
internal sealed class EvidenceBuilder(HistoryStore history, MembershipStore membership, MaintenanceStore maintenance)
{
    public ClusterEvidence Build(ClusterView view, IReadOnlyDictionary<string, NodeAssessment> assessments)
    {
        var nodes = new List<NodeEvidence>();
        var names = view.Nodes.Keys
            .Concat(history.KnownNodes().Where(k => k.Cluster == view.Name).Select(k => k.Node))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var member = membership.For(view.Name, name);
            var inMaintenance = maintenance.IsOn(view.Name, name);
            if (!view.Nodes.TryGetValue(name, out var state))
            {
                nodes.Add(new NodeEvidence(name, false, false, null, inMaintenance, null, null, false, false, member.LastPrimaryConfId, member.LastPrimaryStateUuid));
                continue;
            }

            var r = state.Latest;
            nodes.Add(new NodeEvidence(
                name,
                assessments.TryGetValue(name, out var a) && a.Reporting,
                r.MariadbRunning,
                r.SqlReachable ? r.Text(WsrepStatus.ClusterStatus) : null,
                inMaintenance,
                r.Grastate,
                r.MariadbRunning ? null : r.Recovered,
                r.GvwstatePresent,
                r.SstInProgress,
                member.LastPrimaryConfId,
                member.LastPrimaryStateUuid));
        }

        return new ClusterEvidence(view.Name, nodes, membership.HighWaterMarks(view.Name));
    }
}
