using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Bench;

/// <summary>
/// SIGKILL of the node's mariadbd (by the PID in its pid file) → the collector's view shows the node
/// down; then `kb-lab start N` and wait until Synced again. The clock starts at the kill itself, not
/// at a script that also waits for the process to be reaped.
/// </summary>
internal static class DetectionBench
{
    public static async Task<int> RunAsync(Options o)
    {
        var runs = o.Int("runs", 5);
        var node = o.Int("node", 2);
        var lab = o.Text("lab");
        var pidFile = Path.Combine(o.Text("labdir"), $"node{node}", "mariadbd.pid");
        using var channel = GrpcChannel.ForAddress(o.Text("collector"));
        var ops = new Operations.OperationsClient(channel);
        var headers = new Grpc.Core.Metadata();
        if (Environment.GetEnvironmentVariable("KBCTL_TOKEN") is { Length: > 0 } token)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        async Task<NodeStatus?> NodeAsync() =>
            (await ops.GetStatusAsync(new StatusRequest(), headers)).Clusters.SelectMany(c => c.Nodes).FirstOrDefault(n => n.Name == $"node{node}");

        var latencies = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await WaitAsync(async () => await NodeAsync() is { MariadbRunning: true, LocalState: "Synced" }, 180, "node Synced before the run");
            using var mariadbd = Process.GetProcessById(int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture));
            var watch = Stopwatch.StartNew();
            mariadbd.Kill();
            await WaitAsync(async () => await NodeAsync() is { MariadbRunning: false } or { SqlReachable: false }, 30, "the collector shows the node down", pollMs: 10);
            latencies.Add(watch.Elapsed.TotalSeconds);
            await mariadbd.WaitForExitAsync();
            await Lab(lab, "start", node.ToString(CultureInfo.InvariantCulture));
        }

        await WaitAsync(async () => await NodeAsync() is { MariadbRunning: true, LocalState: "Synced" }, 180, "node Synced after the last run");
        latencies.Sort();
        var median = latencies[latencies.Count / 2];
        var p95 = latencies[(int)Math.Ceiling(latencies.Count * 0.95) - 1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"runs\": {runs}, \"secondsEach\": [{string.Join(", ", latencies.Select(l => l.ToString("F3", CultureInfo.InvariantCulture)))}], \"medianSeconds\": {median:F3}, \"p95Seconds\": {p95:F3}}}"));
        return 0;
    }

    private static async Task Lab(string lab, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(lab, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kb-lab {string.Join(' ', args)} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, int seconds, string what, int pollMs = 100)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not within {seconds}s");
            }

            await Task.Delay(pollMs);
        }
    }
}
