using Grpc.Core;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Foundation;

[Collection(LabCollection.Name)]
public sealed class ShippingTests(KeyBuzzLab lab)
{
    [Fact]
    public async Task Collector_killed_and_restarted_loses_no_reading()
    {
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        await lab.Collector.KillAsync();
        // A deliberate outage, not a wait for a condition: agents must buffer what they sample meanwhile.
        await Task.Delay(TimeSpan.FromSeconds(4));
        var restartedAt = DateTimeOffset.UtcNow;
        lab.StartCollector();

        await Poll.UntilAsync(
            async () =>
            {
                var status = await lab.StatusAsync();
                return Enumerable.Range(1, 3).All(n => KeyBuzzLab.Node(status, $"node{n}") is { } s && s.SampledAtUnixMs > restartedAt.ToUnixTimeMilliseconds());
            },
            TimeSpan.FromSeconds(30),
            "every agent reconnected after the collector restart");

        for (var node = 1; node <= 3; node++)
        {
            var points = await HistoryAsync($"node{node}", before);
            var current = points.Last().InstanceId;
            var seqs = points.Where(p => p.InstanceId == current).Select(p => p.Seq).ToList();
            var gaps = seqs.Zip(seqs.Skip(1)).Where(p => p.Second != p.First + 1).ToList();
            Assert.True(gaps.Count == 0, $"node{node}: gaps after {string.Join(", ", gaps.Select(g => $"{g.First}->{g.Second}"))}");
            var during = points.Count(p => p.AtUnixMs > restartedAt.AddSeconds(-3.5).ToUnixTimeMilliseconds() && p.AtUnixMs < restartedAt.ToUnixTimeMilliseconds());
            Assert.True(during >= 2, $"node{node}: only {during} readings from the outage were stored");
        }
    }

    [Fact]
    public async Task Agent_started_before_the_collector_connects_when_it_comes_up()
    {
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));

        await lab.Collector.KillAsync();
        await lab.Agent(1).StopAsync();
        var agent = lab.StartAgent(1);
        await Poll.UntilAsync(
            () => Task.FromResult(agent.ReadLog().Contains("unreachable or stream broken", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            "the new agent tried the collector and failed");
        var collectorStart = DateTimeOffset.UtcNow;
        lab.StartCollector();

        await Poll.UntilAsync(
            async () => KeyBuzzLab.Node(await lab.StatusAsync(), "node1") is { Reporting: true } n && n.SampledAtUnixMs > collectorStart.ToUnixTimeMilliseconds(),
            TimeSpan.FromSeconds(30),
            "node1 reporting through the collector started after its agent");

        var points = await HistoryAsync("node1", collectorStart.AddMinutes(-1));
        var instance = points.Last().InstanceId;
        var seqs = points.Where(p => p.InstanceId == instance).Select(p => p.Seq).ToList();
        Assert.Equal(1UL, seqs[0]);
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (ulong)i), seqs);
    }

    [Fact]
    public async Task History_of_an_unknown_node_is_a_clear_error()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await lab.Operations.GetHistoryAsync(new HistoryRequest { Node = "node99", Metric = "wsrep_cluster_size" }));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Contains("node99", ex.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<HistoryPoint>> HistoryAsync(string node, DateTimeOffset since)
    {
        var reply = await lab.Operations.GetHistoryAsync(new HistoryRequest { Node = node, SinceUnixMs = since.ToUnixTimeMilliseconds() });
        return reply.Points;
    }
}
