using Grpc.Core;
using KeyBuzz.Collector.Core.View;
using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Ingest;
using KeyBuzz.Collector.Options;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Grpc;

/// <summary>Read side for operators: live status and node history.</summary>
internal sealed class OperationsService(
    ClusterViewStore views,
    HistoryStore history,
    IOptions<CollectorOptions> options,
    TimeProvider time) : Operations.OperationsBase
{
    public override Task<StatusReply> GetStatus(StatusRequest request, ServerCallContext context)
    {
        var now = time.GetUtcNow();
        var reply = new StatusReply { NowUnixMs = now.ToUnixTimeMilliseconds() };
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
            var cluster = new ClusterStatus { Name = view.Name };
            cluster.Nodes.AddRange(view.Nodes.Values.Select(n => ContractMapping.ToNodeStatus(n, assessments[n.Node])));
            cluster.Problems.AddRange(ClusterAssessor.Assess(view, assessments));
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
        var max = options.Value.HistoryQueryLimit;
        var limit = request.Limit is > 0 ? (int)Math.Min(request.Limit, (uint)max) : max;
        var points = history.Query(cluster, request.Node, request.Metric, request.SinceUnixMs, until, limit + 1);
        var reply = new HistoryReply { Truncated = points.Count > limit };
        reply.Points.AddRange(points.Take(limit).Select(ContractMapping.ToContract));
        return Task.FromResult(reply);
    }

    private string ResolveCluster(string cluster, string node)
    {
        var matches = history.KnownNodes().Where(k => k.Node == node && (cluster.Length == 0 || k.Cluster == cluster)).Select(k => k.Cluster).Distinct().ToList();
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
