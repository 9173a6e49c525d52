using Grpc.Core;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Diagnostics;
using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Ingest;
using KeyBuzz.Collector.Recovery;
using KeyBuzz.Collector.Sessions;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Grpc;

/// <summary>
/// One stream per agent: hello → welcome (what is already stored) → readings → acks + advice;
/// commands flow down and their results up. An ack is sent only after the readings it covers
/// are durably stored. Everything sent goes through the session's queue and one writer.
/// </summary>
internal sealed class AgentGatewayService(
    IngestQueue ingest,
    HistoryStore history,
    AgentSessions sessions,
    AdviceService advice,
    RecoveryCoordinator coordinator,
    Commands.PendingCommands pending,
    ProxySql.ProxyReadingIngest proxyReadings,
    TimeProvider time,
    Metrics.CollectorMetrics metrics,
    Coordination.ICoordinatorRole role,
    ILogger<AgentGatewayService> logger) : AgentGateway.AgentGatewayBase
{
    public override async Task Connect(IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<CollectorMessage> responseStream, ServerCallContext context)
    {
        var cancel = context.CancellationToken;
        if (!await requestStream.MoveNext(cancel))
        {
            return;
        }

        var hello = requestStream.Current.BodyCase == AgentMessage.BodyOneofCase.Hello ? requestStream.Current.Hello : null;
        var error = hello is null ? "the first message of a stream must be AgentHello" : ContractMapping.ValidateHello(hello);
        if (error is not null || hello is null)
        {
            Log.StreamRejected(logger, error ?? "no hello");
            throw new RpcException(new Status(StatusCode.InvalidArgument, error ?? "no hello"));
        }

        // An agent token is bound to one node: it may not report for another.
        if (context.UserState.TryGetValue(Auth.AuthInterceptor.CallerKey, out var value) && value is Auth.CallerIdentity { IsAnonymous: false } caller &&
            (caller.Cluster != hello.ClusterName || caller.Node != hello.NodeName))
        {
            var reason = $"token of {caller.Cluster}/{caller.Node} cannot report for {hello.ClusterName}/{hello.NodeName}";
            Log.StreamRejected(logger, reason);
            throw new RpcException(new Status(StatusCode.PermissionDenied, reason));
        }

        var agent = ContractMapping.ToAgentInfo(hello);
        var stored = history.LastStoredSeq(hello.ClusterName, hello.NodeName, hello.InstanceId);
        var session = new AgentSession(hello.ClusterName, hello.NodeName);
        session.Send(new CollectorMessage { Welcome = new Welcome { LastStoredSeq = stored } });
        sessions.Register(session);
        var writer = WriteAsync(session, responseStream, cancel);
        Log.AgentConnected(logger, hello.ClusterName, hello.NodeName, hello.InstanceId, hello.AgentVersion, stored);
        try
        {
            while (await requestStream.MoveNext(cancel))
            {
                var message = requestStream.Current;
                switch (message.BodyCase)
                {
                    case AgentMessage.BodyOneofCase.Readings when hello.Role == "proxysql":
                        stored = proxyReadings.Apply(hello.ClusterName, hello.NodeName, agent.Interval, message.Readings, stored);
                        session.Send(new CollectorMessage { Ack = new Ack { Seq = stored } });
                        session.Send(new CollectorMessage { Advice = advice.For(hello.ClusterName, hello.NodeName) }); // maintenance, rounds
                        break;
                    case AgentMessage.BodyOneofCase.Readings:
                        var fresh = Accept(hello, message.Readings, stored, out var highest);
                        if (fresh.Count > 0)
                        {
                            var encoded = fresh.Select(History.ReadingDocuments.EncodeStatus).ToList();
                            var sentAt = message.Readings.SentAtUnixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(message.Readings.SentAtUnixMs) : (DateTimeOffset?)null;
                            await ingest.SubmitAsync(new IngestRequest(hello.ClusterName, hello.NodeName, agent, fresh, time.GetUtcNow(), encoded) { SentAt = sentAt }, cancel);
                        }

                        stored = Math.Max(stored, highest);
                        session.Send(new CollectorMessage { Ack = new Ack { Seq = stored } });
                        session.Send(new CollectorMessage { Advice = advice.For(hello.ClusterName, hello.NodeName) });
                        break;
                    case AgentMessage.BodyOneofCase.Result:
                        var r = message.Result;
                        coordinator.OnResult(hello.ClusterName, hello.NodeName, r.CommandId, r.Accepted, r.Outcome is "started" or "refused" ? r.Message : $"{r.Outcome}: {r.Message}");
                        pending.Complete(r);
                        break;
                    default:
                        throw new RpcException(new Status(StatusCode.InvalidArgument, "after the hello only reading batches and command results are accepted"));
                }
            }
        }
        finally
        {
            sessions.Unregister(session);
            await writer;
            Log.AgentDisconnected(logger, hello.ClusterName, hello.NodeName);
        }
    }

    private async Task WriteAsync(AgentSession session, IServerStreamWriter<CollectorMessage> responseStream, CancellationToken cancel)
    {
        try
        {
            await foreach (var message in session.Outbound.ReadAllAsync(cancel))
            {
                var outgoing = message;
                if (message.BodyCase is CollectorMessage.BodyOneofCase.Command or CollectorMessage.BodyOneofCase.Advice)
                {
                    // Stamped at the last moment: the token of the leadership held when it leaves.
                    var token = role.LeadingToken;
                    if (token is null)
                    {
                        // The last gate: whatever queued it, a replica that does not lead now sends no command, and no
                        // advice either (a follower knows no round: its advice would let self-repair act during one).
                        if (message.BodyCase == CollectorMessage.BodyOneofCase.Command)
                        {
                            Log.CommandWithheld(logger, message.Command.CommandId, session.Cluster, session.Node);
                        }

                        continue;
                    }

                    if (token is > 0)
                    {
                        outgoing = message.Clone();
                        if (outgoing.BodyCase == CollectorMessage.BodyOneofCase.Command)
                        {
                            outgoing.Command.FencingToken = token.Value;
                        }
                        else
                        {
                            outgoing.Advice.FencingToken = token.Value;
                        }
                    }
                }

                await responseStream.WriteAsync(outgoing, cancel);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException)
        {
            // The stream ended; the reader side reports it.
        }
    }

    /// <summary>Readings not stored yet, in order; invalid ones are logged and skipped (acked, never stored).</summary>
    private List<NodeReading> Accept(AgentHello hello, ReadingBatch batch, ulong stored, out ulong highest)
    {
        highest = stored;
        var accepted = new List<NodeReading>(batch.Readings.Count);
        var now = time.GetUtcNow();
        foreach (var reading in batch.Readings.OrderBy(r => r.Seq))
        {
            if (reading.Seq <= highest)
            {
                continue; // already stored: a resend after a reconnect
            }

            var (mapped, error) = ContractMapping.ToNodeReading(reading, hello.InstanceId, now);
            if (mapped is null)
            {
                Log.InvalidReading(logger, hello.ClusterName, hello.NodeName, reading.Seq, error ?? "invalid");
                metrics.ReadingsRejected.Inc();
            }
            else
            {
                accepted.Add(mapped);
            }

            highest = reading.Seq;
        }

        return accepted;
    }
}
