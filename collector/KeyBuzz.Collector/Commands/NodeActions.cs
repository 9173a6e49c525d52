using Grpc.Core;
using KeyBuzz.Collector.Diagnostics;
using KeyBuzz.Collector.Tuning;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Commands;

/// <summary>
/// An operator stops, kills or starts one node (drills). Taking a node away is allowed only from a
/// healthy complete cluster; starting is always allowed (it restores). The agent re-checks its own guards.
/// </summary>
internal sealed class NodeActions(ClusterHealth health, PendingCommands commands, ILogger<NodeActions> logger)
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

        if (kind != CommandKind.Start && health.Refusal(cluster) is { } refusal)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"not taking {request.Node} away: {refusal}"));
        }

        var command = commands.Create(kind, request.Node);
        command.HoldMs = (request.HoldSeconds == 0 ? DefaultHoldSeconds : request.HoldSeconds) * 1000;
        var result = await commands.SendAsync(cluster, command, TimeSpan.FromMinutes(kind == CommandKind.Stop ? 11 : 1), cancellationToken);
        Log.NodeAction(logger, request.Action, cluster, request.Node, result.Outcome, result.Message);
        return new NodeActionReply
        {
            Cluster = cluster, Node = request.Node, CommandId = command.CommandId, Accepted = result.Accepted, Outcome = result.Outcome, Message = result.Message,
        };
    }
}
