using Grpc.Core;
using KeyBuzz.Collector.Diagnostics;
using KeyBuzz.Collector.Tuning;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Commands;

/// <summary>
/// An operator stops, kills or starts one node (drills). Taking a node away is allowed only from a
/// healthy complete cluster; starting is always allowed (it restores). The agent re-checks its own guards.
/// </summary>
internal sealed class NodeActions(ClusterHealth health, PendingCommands commands, ProxySql.ProxyViewStore proxies, DisruptionLeases leases, TimeProvider time, ILogger<NodeActions> logger)
{
    private const uint DefaultHoldSeconds = 60;
    private const uint MaxHoldSeconds = 600;

    public async Task<NodeActionReply> RunAsync(string cluster, NodeActionRequest request, CancellationToken cancellationToken)
    {
        var kind = request.Action switch
        {
            "stop" => CommandKind.Stop,
            "kill" => CommandKind.Kill,
            "start" => CommandKind.Start,
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, $"action '{request.Action}' must be stop, kill or start")),
        };
        if (request.HoldSeconds > MaxHoldSeconds)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"hold of {request.HoldSeconds} s is above the maximum of {MaxHoldSeconds} s"));
        }

        if (kind != CommandKind.Start && ProxyRefusal(cluster, request.Node) is { } proxyRefusal)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"not taking ProxySQL {request.Node} away: {proxyRefusal}"));
        }

        if (kind != CommandKind.Start && !IsProxy(cluster, request.Node) && health.Refusal(cluster, crash: kind == CommandKind.Kill) is { } refusal)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"not taking {request.Node} away: {refusal}"));
        }

        var command = commands.Create(kind, request.Node);
        command.HoldMs = (request.HoldSeconds == 0 ? DefaultHoldSeconds : request.HoldSeconds) * 1000;
        var owner = $"the drill on {request.Node}";
        if (kind != CommandKind.Start && leases.TryAcquire(cluster, owner, TimeSpan.FromMilliseconds(command.HoldMs) + TimeSpan.FromMinutes(12)) is { } busy)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"not taking {request.Node} away: {busy}"));
        }

        var result = await commands.SendAsync(cluster, command, TimeSpan.FromMinutes(kind == CommandKind.Stop ? 11 : 1), cancellationToken);
        if (kind == CommandKind.Start || !result.Accepted)
        {
            leases.Release(cluster, owner); // restored (or never taken away)
        }

        Log.NodeAction(logger, request.Action, cluster, request.Node, result.Outcome, result.Message);
        return new NodeActionReply
        {
            Cluster = cluster, Node = request.Node, CommandId = command.CommandId, Accepted = result.Accepted, Outcome = result.Outcome, Message = result.Message,
        };
    }

    private bool IsProxy(string cluster, string node) => proxies.Proxies(cluster).Any(p => p.Proxy == node);

    /// <summary>A proxy may be stopped only while another one reports and routes to the same single writer.</summary>
    private string? ProxyRefusal(string cluster, string node)
    {
        if (!IsProxy(cluster, node))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var others = proxies.Proxies(cluster).Where(p => p.Proxy != node && now - p.LastSeen <= p.Interval * 3).ToList();
        var self = proxies.Proxies(cluster).Single(p => p.Proxy == node);
        return others.Count == 0 ? "no other ProxySQL node reports: clients would have nowhere to go"
            : others.All(p => p.Routing.Writer is null) ? "no other ProxySQL node has a writer"
            : others.Any(p => p.Routing.Writer != self.Routing.Writer) ? "the ProxySQL nodes do not agree on the writer now"
            : null;
    }
}
