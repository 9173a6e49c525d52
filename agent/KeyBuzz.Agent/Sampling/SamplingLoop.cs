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
    private readonly SamplerGuard _guard = new(TimeSpan.FromMilliseconds(galeraOptions.Value.SamplerTimeoutMs), logger);
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
        var (fragment, failure) = await _guard.RunAsync(sampler.Name, sampler.SampleAsync, stoppingToken);
        if (fragment is not null)
        {
            return fragment;
        }

        var failed = new GaleraReading();
        failed.Errors.Add(new SamplerError { Sampler = sampler.Name, Message = failure });
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
