using Grpc.Core;
using KeyBuzz.Collector.Core.View;
using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Ingest;
using KeyBuzz.Collector.Options;
using KeyBuzz.Collector.Recovery;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Grpc;

/// <summary>Read side for operators: live status and node history.</summary>
internal sealed class OperationsService(
    ClusterViewStore views,
    HistoryStore history,
    RecoveryCoordinator coordinator,
    RoundStore rounds,
    MaintenanceStore maintenance,
    HistoryReader reader,
    Alerts.AlertBoard alerts,
    Events.EventStore events,
    Commands.NodeActions nodeActions,
    Tuning.ConfigPlanner configPlanner,
    Tuning.RolloutRunner rollouts,
    ProxySql.ProxyViewStore proxies,
    ProxySql.DesiredProxyConfigStore proxyConfigs,
    ComponentStore components,
    Coordination.ICoordinatorRole role,
    ILogger<OperationsService> logger,
    IOptions<CollectorOptions> options,
    TimeProvider time) : Operations.OperationsBase
{
    public override Task<StatusReply> GetStatus(StatusRequest request, ServerCallContext context)
    {
        var now = time.GetUtcNow();
        var reply = new StatusReply { NowUnixMs = now.ToUnixTimeMilliseconds(), Coordinator = Coordination.CoordinatorMapping.ToStatus(role.Describe()) };
        foreach (var view in views.Snapshot().Values)
        {
            if (request.Cluster.Length > 0 && request.Cluster != view.Name)
            {
                continue;
            }

            var assessments = view.Nodes.ToDictionary(
                n => n.Key,
                n => NodeAssessor.Assess(n.Value, now, options.Value.NotReportingAfterMissedIntervals),
                StringComparer.Ordinal);
            var ledger = components.For(view.Name);
            var cluster = new ClusterStatus
            {
                Name = view.Name,
                Fork = ledger.ActiveFork?.Headline ?? string.Empty,
                LatestComponent = ledger.Latest is { } latest ? $"{latest.Describe()}, committed up to seqno {latest.Committed}" : string.Empty,
            };
            cluster.Nodes.AddRange(view.Nodes.Values.Select(n => ContractMapping.ToNodeStatus(n, assessments[n.Node])));
            cluster.Problems.AddRange(ClusterAssessor.Assess(view, assessments));
            if (rounds.ActiveSummary(view.Name) is { } round)
            {
                cluster.Recovery = round;
            }

            foreach (var node in cluster.Nodes)
            {
                node.Maintenance = maintenance.IsOn(view.Name, node.Name);
            }

            ProxySql.ProxyStatusMapping.AddTo(cluster, proxies, now, options.Value.NotReportingAfterMissedIntervals, view.Nodes.ToDictionary(n => n.Key, n => n.Value.Latest, StringComparer.Ordinal));
            reply.Clusters.Add(cluster);
        }

        // Clusters whose ProxySQL nodes report before any MariaDB node does.
        foreach (var name in proxies.Clusters.Where(c => !views.Snapshot().ContainsKey(c) && (request.Cluster.Length == 0 || request.Cluster == c)))
        {
            var cluster = new ClusterStatus { Name = name };
            ProxySql.ProxyStatusMapping.AddTo(cluster, proxies, now, options.Value.NotReportingAfterMissedIntervals, new Dictionary<string, Core.Readings.NodeReading>());
            reply.Clusters.Add(cluster);
        }

        if (request.Cluster.Length > 0 && reply.Clusters.Count == 0)
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no cluster named '{request.Cluster}' has reported to this collector"));
        }

        return Task.FromResult(reply);
    }

    public override Task<HistoryReply> GetHistory(HistoryRequest request, ServerCallContext context)
    {
        if (request.Node.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "node is required"));
        }

        var until = request.UntilUnixMs > 0 ? request.UntilUnixMs : time.GetUtcNow().ToUnixTimeMilliseconds();
        if (request.SinceUnixMs > until)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "since is after until"));
        }

        var cluster = ResolveCluster(request.Cluster, request.Node);
        if (request.StepSeconds > 0)
        {
            var (buckets, stepMs, source) = reader.Stepped(cluster, request.Node, request.Metric, request.SinceUnixMs, until, request.StepSeconds * 1000L);
            var aggregated = new HistoryReply { StepSeconds = (uint)(stepMs / 1000), Source = source };
            aggregated.Buckets.AddRange(buckets.Select(b => new HistoryBucket { StartUnixMs = b.StartUnixMs, Avg = b.Avg, Min = b.Min, Max = b.Max, Last = b.Last, Count = b.Count }));
            return Task.FromResult(aggregated);
        }

        var max = options.Value.HistoryQueryLimit;
        var limit = request.Limit is > 0 ? (int)Math.Min(request.Limit, (uint)max) : max;
        var points = reader.Raw(cluster, request.Node, request.Metric, request.SinceUnixMs, until, limit + 1);
        var reply = new HistoryReply { Truncated = points.Count > limit };
        reply.Points.AddRange(points.Take(limit).Select(ContractMapping.ToContract));
        return Task.FromResult(reply);
    }

    public override Task<AlertsReply> GetAlerts(AlertsRequest request, ServerCallContext context)
    {
        var reply = new AlertsReply();
        reply.Alerts.AddRange(alerts.Listing(request.Cluster.Length > 0 ? request.Cluster : null)
            .Select(a => new Alert
            {
                Name = a.Condition.Name, State = a.Phase.ToString().ToLowerInvariant(), Severity = a.Condition.SeverityLabel,
                Cluster = a.Condition.Cluster, Node = a.Condition.Node, ActiveSinceUnixMs = a.ActiveSince.ToUnixTimeMilliseconds(),
                StartsAtUnixMs = a.StartsAt.ToUnixTimeMilliseconds(), Summary = a.Condition.Summary, Description = a.Condition.Description,
            }));
        return Task.FromResult(reply);
    }

    public override Task<EventsReply> GetEvents(EventsRequest request, ServerCallContext context)
    {
        if (request.Kind is not ("" or "alert" or "view" or "drill" or "rollout"))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"kind '{request.Kind}' must be alert, view, drill or rollout"));
        }

        var limit = request.Limit is > 0 and <= 10_000 ? (int)request.Limit : 1000;
        var found = events.Since(request.SinceUnixMs, request.Cluster.Length > 0 ? request.Cluster : null, request.Kind.Length > 0 ? request.Kind : null, limit + 1);
        var reply = new EventsReply { Truncated = found.Count > limit };
        reply.Events.AddRange(found.Take(limit).Select(e => new Event
        {
            AtUnixMs = e.At.ToUnixTimeMilliseconds(), Kind = e.Kind, Cluster = e.Cluster, Node = e.Node, Name = e.Name,
            State = e.State, Severity = e.Severity, Summary = e.Summary, Description = e.Description,
        }));
        return Task.FromResult(reply);
    }

    public override Task<BootstrapPlan> GetBootstrapPlan(ClusterRequest request, ServerCallContext context)
    {
        var cluster = ResolveCluster(request.Cluster);
        var plan = coordinator.Plan(cluster) ?? throw new RpcException(new Status(StatusCode.NotFound, $"no agent of cluster '{cluster}' has reported since the collector started"));
        var round = plan.Round is { } r ? RecoveryMapping.ToInfo(r, rounds.Events(r.Id)) : null;
        return Task.FromResult(RecoveryMapping.ToPlan(cluster, plan.Decision, round));
    }

    public override Task<ResolveForkReply> ResolveFork(ResolveForkRequest request, ServerCallContext context)
    {
        var cluster = ResolveCluster(request.Cluster);
        if (request.Confirm != cluster)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"confirm must repeat the cluster name '{cluster}': resolving a fork decides which history the cluster keeps"));
        }

        var (outcome, error) = coordinator.ResolveFork(cluster, request.Reason.Length > 0 ? request.Reason : "no reason given");
        return error is not null
            ? throw new RpcException(new Status(StatusCode.FailedPrecondition, error))
            : Task.FromResult(new ResolveForkReply { Cluster = cluster, Outcome = outcome! });
    }

    public override Task<RecoveryHistory> GetRecoveryHistory(RecoveryHistoryRequest request, ServerCallContext context)
    {
        var reply = new RecoveryHistory();
        var limit = request.Limit is > 0 and <= 1000 ? (int)request.Limit : 20;
        reply.Rounds.AddRange(rounds.Recent(request.Cluster.Length > 0 ? request.Cluster : null, limit).Select(r => RecoveryMapping.ToInfo(r, rounds.Events(r.Id))));
        return Task.FromResult(reply);
    }

    public override Task<RecoveryRoundInfo> ApproveBootstrap(ApproveRequest request, ServerCallContext context)
    {
        var (round, error) = coordinator.Approve(request.Round);
        if (error is not null || round is null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, error ?? "nothing to approve"));
        }

        return Task.FromResult(RecoveryMapping.ToInfo(round, rounds.Events(round.Id)));
    }

    public override Task<RecoveryRoundInfo> ForceBootstrap(ForceRequest request, ServerCallContext context)
    {
        if (request.Node.Length == 0 || request.Confirm != request.Node)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "a forced bootstrap needs the node name typed again as confirmation"));
        }

        var (round, error) = coordinator.Force(ResolveCluster(request.Cluster), request.Node);
        if (error is not null || round is null)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, error ?? "cannot force"));
        }

        return Task.FromResult(RecoveryMapping.ToInfo(round, rounds.Events(round.Id)));
    }

    public override Task<MaintenanceReply> SetMaintenance(MaintenanceRequest request, ServerCallContext context)
    {
        var cluster = ResolveCluster(request.Cluster, request.Node);
        var reason = request.Reason.Length > 0 ? request.Reason : "set by kbctl";
        maintenance.Set(cluster, request.Node, request.On, reason, time.GetUtcNow());
        Diagnostics.Log.Maintenance(logger, request.On ? "on" : "off", cluster, request.Node, reason);
        return Task.FromResult(new MaintenanceReply { Cluster = cluster, Node = request.Node, On = request.On });
    }

    public override Task<NodeActionReply> RunNodeAction(NodeActionRequest request, ServerCallContext context) =>
        nodeActions.RunAsync(ResolveCluster(request.Cluster, request.Node), request, context.CancellationToken);

    public override Task<GaleraConfigPlan> PlanGaleraConfig(GaleraConfigRequest request, ServerCallContext context) =>
        Task.FromResult(configPlanner.Plan(ResolveCluster(request.Cluster), request.Fragment));

    public override Task<Rollout> StartGaleraRollout(GaleraConfigRequest request, ServerCallContext context)
    {
        var timeout = TimeSpan.FromSeconds(request.NodeTimeoutSeconds is > 0 and <= 86_400 ? request.NodeTimeoutSeconds : 600);
        var (rollout, error) = rollouts.Start(ResolveCluster(request.Cluster), request.Fragment, timeout);
        return rollout is not null ? Task.FromResult(rollout) : throw new RpcException(new Status(StatusCode.FailedPrecondition, error ?? "cannot start"));
    }

    public override Task<Rollout> GetRollout(ClusterRequest request, ServerCallContext context)
    {
        var cluster = ResolveCluster(request.Cluster);
        return Task.FromResult(rollouts.Latest(cluster) ?? throw new RpcException(new Status(StatusCode.NotFound, $"no rolling apply ran on {cluster} since the collector started")));
    }

    public override Task<DrillRecord> RecordDrill(DrillRecord request, ServerCallContext context)
    {
        if (request.Drill.Length == 0 || request.Summary.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "a drill record needs the drill name and a summary"));
        }

        var cluster = ResolveCluster(request.Cluster);
        var at = time.GetUtcNow();
        events.Append([new Events.StoredEvent(at, "drill", cluster, request.Node, request.Drill, request.Passed ? "passed" : "failed", request.Passed ? "info" : "warning", request.Summary, request.Report)]);
        var stored = request.Clone();
        stored.Cluster = cluster;
        stored.AtUnixMs = at.ToUnixTimeMilliseconds();
        return Task.FromResult(stored);
    }

    public override Task<ProxyConfigRecord> RecordProxyConfig(ProxyConfigRecord request, ServerCallContext context)
    {
        if (request.Cluster.Length == 0 || (request.Variables.Count == 0 && request.Hostgroups.Count == 0))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "a ProxySQL config record needs the cluster and the applied variables or hostgroups"));
        }

        if (request.Variables.Keys.Any(k => k.Contains("password", StringComparison.Ordinal) || k.Contains("credentials", StringComparison.Ordinal)))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "secrets are not stored: leave passwords and credentials out of the record"));
        }

        var at = time.GetUtcNow();
        proxyConfigs.Save(request.Cluster, new Core.ProxySql.DesiredProxyConfig(
            new Dictionary<string, string>(request.Variables, StringComparer.Ordinal), new Dictionary<string, string>(request.Hostgroups, StringComparer.Ordinal), at));
        var stored = request.Clone();
        stored.AppliedAtUnixMs = at.ToUnixTimeMilliseconds();
        return Task.FromResult(stored);
    }

    /// <summary>The named cluster, or the only one known.</summary>
    private string ResolveCluster(string cluster)
    {
        if (cluster.Length > 0)
        {
            return cluster;
        }

        var known = history.KnownNodes().Select(k => k.Cluster).Distinct(StringComparer.Ordinal).ToList();
        return known.Count == 1
            ? known[0]
            : throw new RpcException(new Status(StatusCode.InvalidArgument, known.Count == 0 ? "no cluster has reported yet" : $"several clusters are known ({string.Join(", ", known)}): name one with --cluster"));
    }

    /// <summary>The cluster of a MariaDB node (known from history) or of a ProxySQL node (known from its live readings).</summary>
    private string ResolveCluster(string cluster, string node)
    {
        var matches = reader.KnownNodes().Where(k => k.Node == node && (cluster.Length == 0 || k.Cluster == cluster)).Select(k => k.Cluster)
            .Concat(proxies.Clusters.Where(c => (cluster.Length == 0 || c == cluster) && proxies.Proxies(c).Any(p => p.Proxy == node)))
            .Distinct(StringComparer.Ordinal).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new RpcException(new Status(StatusCode.NotFound, cluster.Length == 0
                ? $"node '{node}' never reported to this collector"
                : $"node '{node}' of cluster '{cluster}' never reported to this collector")),
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, $"node '{node}' exists in clusters {string.Join(", ", matches)}: name the cluster")),
        };
    }
}
