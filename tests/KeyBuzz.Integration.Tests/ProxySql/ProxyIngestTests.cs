using Grpc.Core;
using Grpc.Net.Client;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Integration.Tests.Lab;
using KeyBuzz.Tests.Shared;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>
/// The collector's ProxySQL side: the real ProxySQL 2.7.2 admin output captured in front of a real
/// Galera cluster (Fixtures/proxysql-captures) is sent over a real agent stream with a proxysql
/// agent token, as the agent's samplers ship it. (No ProxySQL binary is packaged for Debian; the
/// agent's samplers against a live ProxySQL are in LiveProxySqlTests, skipped without one.)
/// </summary>
[Collection(LabCollection.Name)]
public sealed class ProxyIngestTests(KeyBuzzLab lab)
{
    /// <summary>A cluster of its own, so the replayed proxy never affects the lab cluster's drills and rollouts.</summary>
    private const string Cluster = "kbproxy";

    [Fact]
    public async Task Captured_admin_readings_give_the_routing_view_in_kbctl_status_the_metrics_and_the_no_writer_alert()
    {
        var token = await lab.TokenAsync("add-agent", Cluster, "proxy1");
        using var channel = GrpcChannel.ForAddress(lab.CollectorUrl);
        var client = new AgentGateway.AgentGatewayClient(channel);
        using var stream = client.Connect(new Metadata { { "authorization", "Bearer " + token } });
        var responses = Task.Run(async () =>
        {
            try
            {
                await foreach (var _ in stream.ResponseStream.ReadAllAsync())
                {
                }
            }
            catch (RpcException)
            {
                // the test ends the stream
            }
        });
        await stream.RequestStream.WriteAsync(new AgentMessage { Hello = new AgentHello { NodeName = "proxy1", ClusterName = Cluster, Role = "proxysql", AgentVersion = "capture-replay", InstanceId = Guid.NewGuid().ToString("N"), IntervalMs = 1000, HostName = "proxy1" } });
        ulong seq = 0;
        async Task SendAsync(string state)
        {
            var batch = new ReadingBatch();
            batch.Readings.Add(new Reading { Seq = ++seq, SampledAtUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Proxysql = CaptureReadings.Reading(state) });
            await stream.RequestStream.WriteAsync(new AgentMessage { Readings = batch });
        }

        try
        {
            await SendAsync("healthy");
            var status = await Poll.UntilAsync(
                async () => (await Kbctl.RunAsync(lab, "status", "--cluster", Cluster)) is { ExitCode: 0 } r && r.Output.Contains("ProxySQL proxy1", StringComparison.Ordinal) ? r.Output : null,
                TimeSpan.FromSeconds(10), "kbctl status shows proxy1");
            Assert.Contains("ProxySQL proxy1: writer (hostgroup 10) 127.0.0.11:3306", status, StringComparison.Ordinal);
            Assert.Matches(@"127\.0\.0\.12:3306\s+backup\s+ONLINE\s+900", status);
            var metrics = await Http.GetAsync($"{lab.HttpUrl}/metrics", lab.ReadOnlyToken);
            Assert.Contains("keybuzz_proxysql_online_writers{cluster=\"kbproxy\",proxy=\"proxy1\"} 1", metrics.Body, StringComparison.Ordinal);

            // What kbctl proxysql apply records; the captured proxy runs interval 1000, not 2000: drift.
            var applied = new ProxyConfigRecord { Cluster = Cluster, Variables = { ["mysql-monitor_galera_healthcheck_interval"] = "2000" } };
            await lab.Operations.RecordProxyConfigAsync(applied);
            await Poll.UntilAsync(
                async () =>
                {
                    await SendAsync("healthy");
                    return (await Kbctl.RunAsync(lab, "alerts", "--cluster", Cluster)).Output.Contains("ProxySQLConfigDrift", StringComparison.Ordinal);
                },
                TimeSpan.FromSeconds(20), "ProxySQLConfigDrift once the proxy runs another interval than the applied one", everyMs: 1000);

            await SendAsync("writer-killed");
            await Poll.UntilAsync(
                async () => System.Text.RegularExpressions.Regex.IsMatch((await Kbctl.RunAsync(lab, "status", "--cluster", Cluster, "--json")).Output, "\"writer\":\\s*\"127\\.0\\.0\\.12:3306\""),
                TimeSpan.FromSeconds(10), "status --json shows the new writer node2");

            for (var i = 0; i < 8; i++)
            {
                await SendAsync("all-down"); // every backend offline: no writer, for longer than the rule's 5 s
                await Task.Delay(1000); // the agent's sampling interval: readings are spaced as a real agent sends them
            }

            var alerts = await Poll.UntilAsync(
                async () => (await Kbctl.RunAsync(lab, "alerts", "--cluster", Cluster)) is { ExitCode: 0 } r && r.Output.Contains("ProxySQLNoWriter", StringComparison.Ordinal) ? r.Output : null,
                TimeSpan.FromSeconds(15), "ProxySQLNoWriter in kbctl alerts");
            Assert.Contains("firing", alerts, StringComparison.Ordinal);
        }
        finally
        {
            await stream.RequestStream.CompleteAsync();
            await responses;
        }
    }
}
