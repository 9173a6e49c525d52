using Grpc.Core;
using Grpc.Core.Interceptors;

namespace KeyBuzz.Collector.Auth;

/// <summary>
/// Every call presents a bearer token: agents may only open their stream, read-only operators may
/// read, and only admin operators may approve or force a bootstrap or change maintenance. In HA mode
/// those changes go to the leader only: a follower refuses them and names the leader.
/// </summary>
internal sealed class AuthInterceptor(TokenValidator validator, Coordination.ICoordinatorRole role, ILogger<AuthInterceptor> logger) : Interceptor
{
    public const string CallerKey = "kb-caller";

    private static readonly HashSet<string> AdminMethods = new(StringComparer.Ordinal)
    {
        "/keybuzz.v1.Operations/ApproveBootstrap",
        "/keybuzz.v1.Operations/ForceBootstrap",
        "/keybuzz.v1.Operations/SetMaintenance",
        "/keybuzz.v1.Operations/RunNodeAction",
        "/keybuzz.v1.Operations/StartGaleraRollout",
        "/keybuzz.v1.Operations/RecordDrill",
        "/keybuzz.v1.Operations/RecordProxyConfig",
        "/keybuzz.v1.Operations/ResolveFork",
    };

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        var caller = validator.Identify(context.RequestHeaders.GetValue("authorization"));
        if (caller is null)
        {
            Deny(context, StatusCode.Unauthenticated, "missing or unknown token (kbctl: --token or KBCTL_TOKEN; agent: Agent:TokenFile)");
        }

        context.UserState[CallerKey] = caller!;
        if (AdminMethods.Contains(context.Method) && !role.IsLeader)
        {
            var state = role.Describe();
            Deny(context, StatusCode.FailedPrecondition, state.LeaderUrl.Length > 0 && state.LeaderName != state.Replica
                ? $"this collector ({state.Replica}) is a follower: the leader is {state.LeaderName} at {state.LeaderUrl} (kbctl --collector {state.LeaderUrl})"
                : $"this collector ({state.Replica}) is not the leader and no leader is known ({(state.Problem.Length > 0 ? state.Problem : "an election is under way")}): nothing is changed; retry in a few seconds");
        }

        if (caller!.IsAnonymous)
        {
            return;
        }

        var isAgentStream = context.Method == "/keybuzz.v1.AgentGateway/Connect";
        if (isAgentStream != (caller.Role == CallerIdentity.AgentRole))
        {
            Deny(context, StatusCode.PermissionDenied, isAgentStream ? $"'{caller.Name}' is an operator token, not an agent token" : $"'{caller.Name}' is an agent token: operators need their own");
        }

        if (AdminMethods.Contains(context.Method) && caller.Role != CallerIdentity.AdminRole)
        {
            Deny(context, StatusCode.PermissionDenied, $"'{caller.Name}' is {caller.Role}: only an admin token may do this");
        }
    }

    private void Deny(ServerCallContext context, StatusCode code, string reason)
    {
        Diagnostics.Log.CallRejected(logger, context.Method, context.Peer, reason);
        throw new RpcException(new Status(code, reason));
    }
}
