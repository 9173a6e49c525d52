using Grpc.Core;
using Grpc.Net.Client;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Bench;

/// <summary>One fake agent over a real gRPC stream: sends batches, counts what the collector acknowledged (acks follow durable writes).</summary>
internal sealed class SyntheticAgent(GrpcChannel channel, string cluster, string node)
{
    public long Acknowledged { get; private set; }

    /// <summary>Sends readings stamped from <paramref name="firstSampledAtUnixMs"/> at 1 s steps until <paramref name="stop"/> or <paramref name="max"/> readings.</summary>
    public async Task RunAsync(int batchSize, long firstSampledAtUnixMs, long max, CancellationToken stop)
    {
        var client = new AgentGateway.AgentGatewayClient(channel);
        using var call = client.Connect();
        await call.RequestStream.WriteAsync(new AgentMessage
        {
            Hello = new AgentHello { NodeName = node, ClusterName = cluster, Role = "galera", AgentVersion = "bench", InstanceId = Guid.NewGuid().ToString("N"), IntervalMs = 1000, HostName = "bench" },
        });
        if (!await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            throw new InvalidOperationException("no welcome");
        }

        ulong sent = 0;
        var acks = Task.Run(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                if (call.ResponseStream.Current.BodyCase == CollectorMessage.BodyOneofCase.Ack)
                {
                    Acknowledged = (long)call.ResponseStream.Current.Ack.Seq;
                }
            }
        });

        // Keep a bounded number of unacknowledged readings in flight, as the real agent's buffer does.
        var window = batchSize * 8;
        while (!stop.IsCancellationRequested && (long)sent < max)
        {
            if ((long)sent - Acknowledged >= window)
            {
                await Task.Delay(1, CancellationToken.None);
                continue;
            }

            var batch = new ReadingBatch();
            for (var i = 0; i < batchSize && (long)sent < max; i++)
            {
                sent++;
                batch.Readings.Add(Readings.Make(sent, firstSampledAtUnixMs + ((long)sent * 1000)));
            }

            await call.RequestStream.WriteAsync(new AgentMessage { Readings = batch });
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Acknowledged < (long)sent && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, CancellationToken.None);
        }

        await call.RequestStream.CompleteAsync();
        try
        {
            await acks;
        }
        catch (RpcException)
        {
            // the stream ends when we complete ours
        }
    }
}
