using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;

namespace KeyBuzz.Bench;

/// <summary>Many synthetic agents stream to a real collector; readings/s counts only acknowledged (durably stored) readings.</summary>
internal static class IngestBench
{
    public static async Task<int> RunAsync(Options o)
    {
        var agents = o.Int("agents", 50);
        var seconds = o.Int("seconds", 20);
        var batch = o.Int("batch", 50);
        var pid = o.Int("pid", 0);
        using var channel = GrpcChannel.ForAddress(o.Text("collector"), new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var start = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeMilliseconds();
        var fleet = Enumerable.Range(1, agents).Select(i => new SyntheticAgent(channel, "bench", $"agent{i:D3}")).ToList();
        var cpu0 = pid > 0 ? ProcessStats.CpuSeconds(pid) : 0;
        var watch = Stopwatch.StartNew();
        var peakRss = 0.0;
        var running = Task.WhenAll(fleet.Select(a => a.RunAsync(batch, start, long.MaxValue, stop.Token)));
        while (!running.IsCompleted)
        {
            if (pid > 0)
            {
                peakRss = Math.Max(peakRss, ProcessStats.RssMiB(pid));
            }

            await Task.WhenAny(running, Task.Delay(200));
        }

        await running;
        var elapsed = watch.Elapsed.TotalSeconds;
        var stored = fleet.Sum(a => a.Acknowledged);
        var cpu = pid > 0 ? ProcessStats.CpuSeconds(pid) - cpu0 : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"agents\": {agents}, \"batch\": {batch}, \"seconds\": {elapsed:F2}, \"readingsStored\": {stored}, \"readingsPerSecond\": {stored / elapsed:F0}, \"collectorCpuSeconds\": {cpu:F2}, \"collectorCpuPercent\": {cpu / elapsed * 100:F0}, \"collectorPeakRssMiB\": {peakRss:F1}}}"));
        return 0;
    }
}
