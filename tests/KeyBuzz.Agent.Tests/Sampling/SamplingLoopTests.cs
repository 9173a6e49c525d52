using KeyBuzz.Agent.Core.Buffering;
using KeyBuzz.Agent.Options;
using KeyBuzz.Agent.Sampling;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyBuzz.Agent.Tests.Sampling;

public sealed class SamplingLoopTests
{
    private sealed class StubSampler(string name, Func<CancellationToken, Task<GaleraReading>> sample) : IGaleraSampler
    {
        public string Name => name;

        public Task<GaleraReading> SampleAsync(CancellationToken cancellationToken) => sample(cancellationToken);
    }

    private static (SamplingLoop Loop, ReadingBuffer<Reading> Buffer) Create(params IGaleraSampler[] samplers)
    {
        var buffer = new ReadingBuffer<Reading>(600);
        var loop = new SamplingLoop(
            samplers,
            buffer,
            Microsoft.Extensions.Options.Options.Create(new AgentOptions()),
            Microsoft.Extensions.Options.Options.Create(new GaleraOptions { SamplerTimeoutMs = 100 }),
            TimeProvider.System,
            NullLogger<SamplingLoop>.Instance);
        return (loop, buffer);
    }

    [Fact]
    public async Task Fragments_of_all_samplers_merge_into_one_reading()
    {
        var status = new GaleraReading { SqlReachable = true };
        status.Status["wsrep_cluster_status"] = "Primary";
        var (loop, buffer) = Create(
            new StubSampler("process", _ => Task.FromResult(new GaleraReading { MariadbRunning = true })),
            new StubSampler("wsrep_status", _ => Task.FromResult(status)));

        await loop.SampleOnceAsync(CancellationToken.None);

        var reading = buffer.PendingAfter(0, 10).Single().Item;
        Assert.Equal(1UL, reading.Seq);
        Assert.True(reading.Galera.MariadbRunning);
        Assert.True(reading.Galera.SqlReachable);
        Assert.Equal("Primary", reading.Galera.Status["wsrep_cluster_status"]);
        Assert.Empty(reading.Galera.Errors);
    }

    [Fact]
    public async Task A_slow_and_a_failing_sampler_are_reported_without_sinking_the_cycle()
    {
        var (loop, buffer) = Create(
            new StubSampler("process", _ => Task.FromResult(new GaleraReading { MariadbRunning = true })),
            new StubSampler("slow", async ct =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                return new GaleraReading();
            }),
            new StubSampler("broken", _ => throw new InvalidOperationException("boom")));

        await loop.SampleOnceAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        var reading = buffer.PendingAfter(0, 10).Single().Item;
        Assert.True(reading.Galera.MariadbRunning);
        Assert.Contains(reading.Galera.Errors, e => e.Sampler == "slow" && e.Message.Contains("timed out after 100 ms", StringComparison.Ordinal));
        Assert.Contains(reading.Galera.Errors, e => e.Sampler == "broken" && e.Message == "boom");
    }
}
