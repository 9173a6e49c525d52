using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Components;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;
using KeyBuzz.Collector.History;

namespace KeyBuzz.Collector.Recovery;

/// <summary>
/// Gathers the planner's input. Every node that ever reported is included: one whose agent is
/// silent now appears as not reporting, never as absent (silence is not evidence). Where history
/// places each node comes from the component ledger.
/// </summary>
internal sealed class EvidenceBuilder(HistoryStore history, ComponentStore components, MaintenanceStore maintenance)
{
    public ClusterEvidence Build(ClusterView view, IReadOnlyDictionary<string, NodeAssessment> assessments, IReadOnlyCollection<string>? refused = null)
    {
        var ledger = components.For(view.Name);
        var nodes = new List<NodeEvidence>();
        var names = view.Nodes.Keys
            .Concat(history.KnownNodes().Where(k => k.Cluster == view.Name).Select(k => k.Node))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal);
        foreach (var name in names)
        {
            var inMaintenance = maintenance.IsOn(view.Name, name);
            var place = HistoryOf(ledger, name);
            if (!view.Nodes.TryGetValue(name, out var state))
            {
                nodes.Add(new NodeEvidence(name, false, false, null, inMaintenance, null, null, string.Empty, false, false, place));
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
                r.DatadirIdentity,
                r.GvwstatePresent,
                r.SstInProgress,
                place));
        }

        var latest = ledger.Latest is { } l ? new LatestComponent(l.Uuid, l.Committed, [.. l.Members], l.MembersComplete) : null;
        return new ClusterEvidence(view.Name, nodes, latest, ledger.ActiveFork?.Headline, refused is null ? null : new HashSet<string>(refused, StringComparer.Ordinal));
    }

    public static NodeHistory HistoryOf(ComponentLedger ledger, string node)
    {
        if (ledger.ServedFork(node))
        {
            return NodeHistory.ServedFork;
        }

        if (ledger.Latest is not { } latest || !ledger.LastComponentOf.TryGetValue(node, out var last))
        {
            return NodeHistory.Unknown;
        }

        if (latest.Members.Contains(node))
        {
            return NodeHistory.InLatest;
        }

        return last >= latest.Id ? NodeHistory.Unknown : ledger.ProvablyBehind(node) ? NodeHistory.Behind : NodeHistory.LeftBefore;
    }
}
