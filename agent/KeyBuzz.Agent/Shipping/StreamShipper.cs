using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using KeyBuzz.Agent.Core.Buffering;
using KeyBuzz.Agent.Core.Shipping;
using KeyBuzz.Agent.Diagnostics;
using KeyBuzz.Agent.Options;
using KeyBuzz.Agent.Commands;
using KeyBuzz.Agent.Repair;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Shipping;

/// <summary>
/// Keeps one bidirectional stream to the collector. After every (re)connect it resends whatever
/// the collector has not acknowledged; it forgets a reading only once the collector says it is
/// durably stored. Reconnects with jittered exponential backoff.
/// </summary>
internal sealed class StreamShipper(
    ReadingBuffer<Reading> buffer,
    AgentHelloFactory helloFactory,
    RepairState repairState,
    CommandExecutor executor,
    FencingLedger fencing,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<StreamShipper> logger) : BackgroundService
{
    private readonly AgentOptions _options = options.Value;

    // Command results wait here for the sending loop (the only writer of the request stream).
    private readonly Channel<CommandResult> _results = Channel.CreateUnbounded<CommandResult>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var attempt = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            string reason;
            try
            {
                await RunSessionAsync(() => attempt = 0, stoppingToken);
                reason = "the collector closed the stream";
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException ex)
            {
                reason = $"{ex.StatusCode}: {ex.Status.Detail}";
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidOperationException)
            {
                reason = ex.Message;
            }

            var delay = ReconnectBackoff.Delay(
                attempt++,
                TimeSpan.FromMilliseconds(_options.ReconnectInitialMs),
                TimeSpan.FromMilliseconds(_options.ReconnectMaxMs),
                Random.Shared.NextDouble());
            Log.Disconnected(logger, _options.CollectorUrl, reason, (long)delay.TotalMilliseconds, buffer.Count);
            try
            {
                await Task.Delay(delay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task RunSessionAsync(Action onConnected, CancellationToken stoppingToken)
    {
        using var channel = GrpcChannel.ForAddress(_options.CollectorUrl, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(3),
                KeepAlivePingDelay = TimeSpan.FromSeconds(10),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                SslOptions = Contracts.CollectorTrust.ClientOptions(_options.CollectorCaFile) ?? new System.Net.Security.SslClientAuthenticationOptions(),
            },
        });
        var client = new AgentGateway.AgentGatewayClient(channel);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        // The token file is read at every connect, so a rotated token needs no agent restart.
        var headers = new Metadata();
        if (_options.TokenFile.Length > 0)
        {
            headers.Add("authorization", "Bearer " + (await File.ReadAllTextAsync(_options.TokenFile, session.Token)).Trim());
        }

        using var call = client.Connect(headers, cancellationToken: session.Token);

        await call.RequestStream.WriteAsync(new AgentMessage { Hello = helloFactory.Create() }, session.Token);
        if (!await call.ResponseStream.MoveNext(session.Token) || call.ResponseStream.Current.BodyCase != CollectorMessage.BodyOneofCase.Welcome)
        {
            throw new InvalidOperationException("the collector did not answer the hello with a welcome");
        }

        var stored = call.ResponseStream.Current.Welcome.LastStoredSeq;
        buffer.Acknowledge(stored);
        onConnected();
        Log.Connected(logger, _options.CollectorUrl, stored, buffer.PendingAfter(stored, int.MaxValue).Count);

        var incoming = ReadIncomingAsync(call.ResponseStream, session.Token);
        var sentUpTo = Math.Max(stored, buffer.Acknowledged);
        try
        {
            while (true)
            {
                while (_results.Reader.TryRead(out var result))
                {
                    await call.RequestStream.WriteAsync(new AgentMessage { Result = result }, session.Token);
                }

                var pending = buffer.PendingAfter(sentUpTo, _options.MaxBatchSize);
                if (pending.Count == 0)
                {
                    var appended = buffer.WaitForAppendAsync(sentUpTo, session.Token);
                    var resultReady = _results.Reader.WaitToReadAsync(session.Token).AsTask();
                    if (await Task.WhenAny(appended, resultReady, incoming) == incoming)
                    {
                        await incoming; // surfaces the stream error, or the collector's end of stream
                        return;
                    }

                    continue;
                }

                var batch = new ReadingBatch { SentAtUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds() };
                batch.Readings.AddRange(pending.Select(p => p.Item));
                await call.RequestStream.WriteAsync(new AgentMessage { Readings = batch }, session.Token);
                sentUpTo = pending[^1].Seq;
            }
        }
        finally
        {
            await session.CancelAsync();
            try
            {
                await incoming;
            }
            catch (Exception ex) when (ex is OperationCanceledException or RpcException)
            {
                // The session is over either way; the outer loop reports the reason.
            }
        }
    }

    private async Task ReadIncomingAsync(IAsyncStreamReader<CollectorMessage> responses, CancellationToken cancellationToken)
    {
        while (await responses.MoveNext(cancellationToken))
        {
            var message = responses.Current;
            switch (message.BodyCase)
            {
                case CollectorMessage.BodyOneofCase.Ack:
                    buffer.Acknowledge(message.Ack.Seq);
                    break;
                case CollectorMessage.BodyOneofCase.Advice:
                    if (fencing.AdmitAdvice(message.Advice.FencingToken))
                    {
                        repairState.SetAdvice(message.Advice);
                    }

                    break;
                case CollectorMessage.BodyOneofCase.Command:
                    _ = ExecuteAsync(message.Command, time.GetUtcNow());
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>Commands run beside the stream (a bootstrap takes seconds); the result is sent on whatever stream is open then.</summary>
    private async Task ExecuteAsync(Command command, DateTimeOffset receivedAt)
    {
        var result = await executor.ExecuteAsync(command, receivedAt, CancellationToken.None);
        _results.Writer.TryWrite(result);
    }
}
