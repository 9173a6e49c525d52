using KeyBuzz.Agent.Core.Buffering;
using KeyBuzz.Agent.Diagnostics;
using KeyBuzz.Agent.Options;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Sampling;

/// <summary>Every interval: run all samplers concurrently, each with its own timeout, and buffer one reading.</summary>
internal sealed class SamplingLoop(
    IEnumerable<IGaleraSampler> samplers,
    ReadingBuffer<Reading> buffer,
    IOptions<AgentOptions> agentOptions,
    IOptions<GaleraOptions> galeraOptions,
    TimeProvider time,
    ILogger<SamplingLoop> logger) : BackgroundService
{
    private readonly IGaleraSampler[] _samplers = [.. samplers];
    // Samplers finish on different threads: the set of failing ones must be concurrent.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _failing = new();
    private readonly TimeSpan _timeout = TimeSpan.FromMilliseconds(galeraOptions.Value.SamplerTimeoutMs);
    private bool? _wasRunning;
    private ulong _reportedDrops;

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
        var galera = new GaleraReading();
        foreach (var fragment in results)
        {
            galera.MergeFrom(fragment);
        }

        TrackProcessState(galera.MariadbRunning);
        buffer.Append((seq, dropped) => new Reading
        {
            Seq = seq,
            SampledAtUnixMs = sampledAt.ToUnixTimeMilliseconds(),
            DroppedTotal = dropped,
            Galera = galera,
        });

        var drops = buffer.DroppedTotal;
        if (drops > _reportedDrops && (drops - _reportedDrops >= 60 || _reportedDrops == 0))
        {
            Log.ReadingsDropped(logger, drops);
            _reportedDrops = drops;
        }
    }

    private async Task<GaleraReading> RunAsync(IGaleraSampler sampler, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_timeout);
        string reason;
        try
        {
            var fragment = await sampler.SampleAsync(timeout.Token).WaitAsync(timeout.Token);
            if (_failing.TryRemove(sampler.Name, out _))
            {
                Log.SamplerRecovered(logger, sampler.Name);
            }

            return fragment;
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

        var failed = new GaleraReading();
        failed.Errors.Add(new SamplerError { Sampler = sampler.Name, Message = reason });
        return failed;
    }

    private void TrackProcessState(bool running)
    {
        if (_wasRunning != running)
        {
            if (_wasRunning is not null || !running)
            {
                Log.MariadbStateChanged(logger, running ? "running" : "down");
            }

            _wasRunning = running;
        }
    }
}
