using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;

namespace KeyBuzz.Bench;

/// <summary>Stores one node's last hour at 1 Hz, then times the history query for it (HTTP API, raw and at a 1-minute step).</summary>
internal static class HistoryBench
{
    public static async Task<int> RunAsync(Options o)
    {
        var points = o.Int("points", 3600);
        var queries = o.Int("queries", 50);
        using var channel = GrpcChannel.ForAddress(o.Text("collector"));
        var agent = new SyntheticAgent(channel, "bench", "history-node");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await agent.RunAsync(200, now - ((points + 1) * 1000L), points, CancellationToken.None);
        if (agent.Acknowledged < points)
        {
            throw new InvalidOperationException($"only {agent.Acknowledged} of {points} readings stored");
        }

        using var http = new HttpClient { BaseAddress = new Uri(o.Text("http")) };
        async Task<(double Median, double P95, int Count)> TimeAsync(string url)
        {
            var times = new List<double>();
            var count = 0;
            for (var i = 0; i < queries + 3; i++)
            {
                var watch = Stopwatch.StartNew();
                var body = await http.GetStringAsync(url);
                watch.Stop();
                count = body.Split("\"at\"").Length - 1;
                if (i >= 3)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds); // the first runs warm the JIT
                }
            }

            times.Sort();
            return (times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.95) - 1], count);
        }

        var raw = await TimeAsync("/api/v1/history/history-node?cluster=bench&metric=wsrep_local_recv_queue&since=1h");
        var stepped = await TimeAsync("/api/v1/history/history-node?cluster=bench&metric=wsrep_local_recv_queue&since=1h&step=1m");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"points\": {raw.Count}, \"rawMedianMs\": {raw.Median:F2}, \"rawP95Ms\": {raw.P95:F2}, \"steppedBuckets\": {stepped.Count}, \"steppedMedianMs\": {stepped.Median:F2}, \"steppedP95Ms\": {stepped.P95:F2}}}"));
        return 0;
    }
}
