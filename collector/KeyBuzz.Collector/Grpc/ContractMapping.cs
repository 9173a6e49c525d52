using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;
using KeyBuzz.Collector.History;
using KeyBuzz.Contracts;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Grpc;

/// <summary>The one place where wire messages and collector types meet.</summary>
internal static class ContractMapping
{
    // Readings stamped before this are from a broken clock, not history.
    private static readonly DateTimeOffset Earliest = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string? ValidateHello(AgentHello hello)
    {
        if (!NameRules.IsValid(hello.NodeName))
        {
            return $"node_name '{hello.NodeName}' is invalid: {NameRules.Description}; fix Agent:NodeName in the agent config";
        }

        if (!NameRules.IsValid(hello.ClusterName))
        {
            return $"cluster_name '{hello.ClusterName}' is invalid: {NameRules.Description}; fix Agent:ClusterName in the agent config";
        }

        if (hello.Role is not ("galera" or "proxysql"))
        {
            return $"role '{hello.Role}' is not supported by this collector (expected \"galera\" or \"proxysql\")";
        }

        if (string.IsNullOrEmpty(hello.InstanceId) || hello.InstanceId.Length > 64)
        {
            return "instance_id must be 1-64 characters";
        }

        return hello.IntervalMs is < 100 or > 60_000 ? $"interval_ms {hello.IntervalMs} is out of range 100..60000" : null;
    }

    public static AgentInfo ToAgentInfo(AgentHello hello) =>
        new(hello.Role, hello.AgentVersion, hello.InstanceId, hello.HostName, TimeSpan.FromMilliseconds(hello.IntervalMs));

    /// <summary>Null with a reason when the reading cannot be stored.</summary>
    public static (NodeReading? Reading, string? Error) ToNodeReading(Reading reading, string instanceId, DateTimeOffset now)
    {
        if (reading.Seq == 0)
        {
            return (null, "seq must start at 1");
        }

        var sampledAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(reading.SampledAtUnixMs, 0, 253_402_300_799_999));
        if (sampledAt < Earliest || sampledAt > now.AddMinutes(10))
        {
            return (null, $"sampled_at {sampledAt:O} is not plausible (check the agent host's clock)");
        }

        if (reading.Galera is not { } g)
        {
            return (null, "the reading has no galera payload");
        }

        GrastateSnapshot? grastate = g.Grastate is { } gs
            ? new GrastateSnapshot(gs.Present, gs.Uuid, gs.Seqno, gs.SafeToBootstrap, string.IsNullOrEmpty(gs.Error) ? null : gs.Error)
            : null;
        var errors = g.Errors.Select(e => $"{e.Sampler}: {e.Message}").ToList();
        var recovered = g.Recovered is { } r
            ? new Core.Bootstrap.RecoveredPosition(
                r.Uuid, r.Seqno, r.Error.Length > 0 ? r.Error : null, r.PreparedTransactions, r.DatadirIdentity,
                DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(r.RecoveredAtUnixMs, 0, 253_402_300_799_999)), r.Disagreement.Length > 0 ? r.Disagreement : null)
            : null;
        var variables = new Dictionary<string, string>(g.Variables, StringComparer.Ordinal);
        if (g.ProviderOptions.Count > 0 && !variables.ContainsKey("wsrep_provider_options"))
        {
            // The agent ships provider options parsed; rules and drift read them as the server shows them.
            variables["wsrep_provider_options"] = string.Join("; ", g.ProviderOptions.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} = {o.Value}"));
        }

        return (new NodeReading(
            instanceId, reading.Seq, sampledAt, reading.DroppedTotal, g.MariadbRunning, g.SqlReachable,
            new Dictionary<string, string>(g.Status, StringComparer.Ordinal),
            variables,
            grastate, errors, recovered, g.Gvwstate is { Present: true, Error.Length: 0 }, g.SstInProgress,
            g.Repair?.State ?? string.Empty, g.Repair?.Reason ?? string.Empty, g.DatadirIdentity), null);
    }

    public static NodeStatus ToNodeStatus(NodeState state, NodeAssessment assessment)
    {
        var r = state.Latest;
        var status = new NodeStatus
        {
            Name = state.Node,
            Role = state.Agent.Role,
            MariadbRunning = r.MariadbRunning,
            SqlReachable = r.SqlReachable,
            ClusterStatus = r.Text(WsrepStatus.ClusterStatus) ?? string.Empty,
            LocalState = r.Text(WsrepStatus.LocalStateComment) ?? string.Empty,
            ClusterSize = (int)(r.Long(WsrepStatus.ClusterSize) ?? 0),
            ConfId = r.Long(WsrepStatus.ClusterConfId) ?? 0,
            LastCommitted = r.Long(WsrepStatus.LastCommitted) ?? 0,
            RecvQueue = r.Long(WsrepStatus.RecvQueue) ?? 0,
            SendQueue = r.Long(WsrepStatus.SendQueue) ?? 0,
            LastSeenUnixMs = state.LastSeen.ToUnixTimeMilliseconds(),
            SampledAtUnixMs = r.SampledAt.ToUnixTimeMilliseconds(),
            AgentVersion = state.Agent.Version,
            HostName = state.Agent.HostName,
            Reporting = assessment.Reporting,
            ClusterStateUuid = r.Text(WsrepStatus.ClusterStateUuid) ?? string.Empty,
            LastSeq = r.Seq,
            DroppedReadings = r.DroppedTotal,
        };
        if (state.FlowControlPausedPercent is { } paused)
        {
            status.FlowControlPausedPct = paused;
        }

        if (r.Grastate is { } g)
        {
            status.Grastate = new Grastate { Present = g.Present, Uuid = g.Uuid, Seqno = g.Seqno, SafeToBootstrap = g.SafeToBootstrap, Error = g.Error ?? string.Empty };
        }

        status.RepairState = r.RepairState;
        status.RepairReason = r.RepairReason;
        if (r.Recovered is { Error: null, Seqno: >= 0 } rp && !r.MariadbRunning && rp.DatadirIdentity == r.DatadirIdentity)
        {
            status.RecoveredPosition = $"{rp.Uuid}:{rp.Seqno}";
        }

        if (!r.MariadbRunning)
        {
            status.Evidence = EvidenceText(r);
        }

        status.Problems.AddRange(assessment.Problems);
        return status;
    }

    /// <summary>What the planner makes of a stopped node's position, in operator words.</summary>
    private static string EvidenceText(NodeReading r)
    {
        var position = Core.Bootstrap.NodePosition.Of(new Core.Bootstrap.NodeEvidence(
            string.Empty, true, false, null, false, r.Grastate, r.Recovered, r.DatadirIdentity, r.GvwstatePresent, r.SstInProgress, Core.Bootstrap.NodeHistory.Unknown));
        return position.Position is { } p
            ? $"{p} from InnoDB, for the datadir as it is{(position.Detail.Length > 0 ? $"; {position.Detail}" : string.Empty)}"
            : position.Detail;
    }

    public static Contracts.V1.HistoryPoint ToContract(History.HistoryPoint point)
    {
        var result = new Contracts.V1.HistoryPoint { AtUnixMs = point.AtUnixMs, Seq = point.Seq, InstanceId = point.InstanceId, Text = point.Text ?? string.Empty };
        if (point.Value is { } value)
        {
            result.Value = value;
        }

        return result;
    }
}
