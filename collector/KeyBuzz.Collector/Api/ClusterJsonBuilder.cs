using KeyBuzz.Collector.Alerts;
using KeyBuzz.Collector.Api.Json;
using KeyBuzz.Collector.Core.Alerts;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;
using KeyBuzz.Collector.Options;
using KeyBuzz.Collector.Recovery;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Api;

/// <summary>Builds the cluster documents of the HTTP API from the live view (same assessment as `kbctl status`).</summary>
internal sealed class ClusterJsonBuilder(MaintenanceStore maintenance, RoundStore rounds, AlertBoard alerts, IOptions<CollectorOptions> options)
{
    public ClusterJson Build(ClusterView view, DateTimeOffset now, bool withNodes)
    {
        var assessments = view.Nodes.ToDictionary(n => n.Key, n => NodeAssessor.Assess(n.Value, now, options.Value.NotReportingAfterMissedIntervals), StringComparer.Ordinal);
        var problems = ClusterAssessor.Assess(view, assessments).Concat(assessments.SelectMany(a => a.Value.Problems.Select(p => $"{a.Key}: {p}"))).ToList();
        var firing = alerts.Active.Values.Count(a => a.Phase == AlertPhase.Firing && a.Condition.Cluster == view.Name);
        var synced = view.Nodes.Values.Count(n => assessments[n.Node].Reporting && n.Latest.SqlReachable && n.Latest.Text(WsrepStatus.LocalStateComment) == WsrepStatus.Synced);
        var nodes = withNodes ? view.Nodes.Values.Select(n => Node(view.Name, n, assessments[n.Node])).ToList() : null;
        var round = rounds.ActiveSummary(view.Name);
        return new ClusterJson(view.Name, problems.Count == 0 && firing == 0, view.Nodes.Count, assessments.Count(a => a.Value.Reporting), synced, firing, problems, round, nodes);
    }

    private NodeJson Node(string cluster, NodeState n, NodeAssessment a)
    {
        var r = n.Latest;
        return new NodeJson(
            n.Node, n.Agent.HostName, n.Agent.Version, a.Reporting, n.LastSeen, r.SampledAt, r.MariadbRunning, r.SqlReachable,
            r.Text(WsrepStatus.ClusterStatus), r.Text(WsrepStatus.LocalStateComment), r.Long(WsrepStatus.ClusterSize), r.Long(WsrepStatus.ClusterConfId),
            r.Text(WsrepStatus.ClusterStateUuid), r.Long(WsrepStatus.LastCommitted), r.Long(WsrepStatus.RecvQueue), n.FlowControlPausedPercent,
            r.Text(WsrepStatus.Ready), maintenance.IsOn(cluster, n.Node), r.RepairState, r.RepairReason, a.Problems);
    }
}
