using System.Collections.Concurrent;
using KeyBuzz.Agent.Core.Buffering;
using KeyBuzz.Agent.Diagnostics;
using KeyBuzz.Agent.Options;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Sampling.ProxySql;

/// <summary>Role "proxysql": every interval, read every admin table concurrently (each with its own timeout) and buffer one reading.</summary>
internal sealed class ProxySqlSamplingLoop(
    IEnumerable<IProxySqlSampler> samplers,
    ReadingBuffer<Reading> buffer,
    IOptions<AgentOptions> agentOptions,
    IOptions<ProxySqlOptions> proxyOptions,
    TimeProvider time,
    ILogger<ProxySqlSamplingLoop> logger) : BackgroundService
{
    private readonly IProxySqlSampler[] _samplers = [.. samplers];
    private readonly ConcurrentDictionary<string, bool> _failing = new();
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(proxyOptions.Value.SamplerTimeoutMs);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(agentOptions.Value.IntervalMs), time);
        do
        {
            await SampleOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task SampleOnceAsync(CancellationToken stoppingToken)
    {
        var sampledAt = time.GetUtcNow();
        var results = await Task.WhenAll(_samplers.Select(s => RunAsync(s, stoppingToken)));
        var reading = new ProxySqlReading();
        foreach (var (table, error) in results)
        {
            if (table is not null)
            {
                reading.Tables.Add(table);
            }
            else
            {
                reading.Errors.Add(error!);
            }
        }

        reading.AdminReachable = reading.Tables.Count > 0;
        buffer.Append((seq, dropped) => new Reading { Seq = seq, SampledAtUnixMs = sampledAt.ToUnixTimeMilliseconds(), DroppedTotal = dropped, Proxysql = reading });
    }

    private async Task<(AdminTable? Table, SamplerError? Error)> RunAsync(IProxySqlSampler sampler, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_timeout);
        string reason;
        try
        {
            var table = await sampler.SampleAsync(timeout.Token).WaitAsync(timeout.Token);
            if (_failing.TryRemove(sampler.Name, out _))
            {
                Log.SamplerRecovered(logger, sampler.Name);
            }

            return (table, null);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            reason = $"timed out after {_timeout.TotalMilliseconds:0} ms";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            reason = ex.Message;
        }

        if (_failing.TryAdd(sampler.Name, true))
        {
            Log.SamplerFailed(logger, sampler.Name, reason);
        }

        return (null, new SamplerError { Sampler = sampler.Name, Message = reason });
    }
}
