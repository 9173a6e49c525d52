using KeyBuzz.Agent.Core.Buffering;
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
    private readonly SamplerGuard _guard = new(TimeSpan.FromMilliseconds(proxyOptions.Value.SamplerTimeoutMs), logger);

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

        // ProxySQL's log file can be read while its admin interface is down: only admin tables count.
        reading.AdminReachable = reading.Tables.Any(t => t.Name != ProxySqlLogSampler.TableName);
        buffer.Append((seq, dropped) => new Reading { Seq = seq, SampledAtUnixMs = sampledAt.ToUnixTimeMilliseconds(), DroppedTotal = dropped, Proxysql = reading });
    }

    private async Task<(AdminTable? Table, SamplerError? Error)> RunAsync(IProxySqlSampler sampler, CancellationToken stoppingToken)
    {
        var (table, failure) = await _guard.RunAsync(sampler.Name, sampler.SampleAsync, stoppingToken);
        return (table, failure is null ? null : new SamplerError { Sampler = sampler.Name, Message = failure });
    }
}
