using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;

namespace KeyBuzz.Ctl.Galera;

/// <summary>Reads the write-set counters of every node from the collector's history and returns the peak hourly write rate (bytes/s).</summary>
internal static class CollectorWriteRate
{
    private static readonly string[] Counters = ["wsrep_replicated_bytes", "wsrep_received_bytes"];

    public static async Task<double?> PeakAsync(CollectorConnection collector, string cluster, TimeSpan since, CancellationToken cancellationToken)
    {
        var client = new Operations.OperationsClient(collector.Channel);
        var status = await client.GetStatusAsync(new StatusRequest { Cluster = cluster }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        var from = DateTimeOffset.UtcNow - since;
        var step = since <= TimeSpan.FromHours(2) ? 10u : 60u; // short looks (a young cluster) still get enough buckets
        double? peak = null;
        foreach (var c in status.Clusters)
        {
            foreach (var node in c.Nodes)
            {
                var series = new List<IReadOnlyList<WriteRate.Sample>>();
                foreach (var metric in Counters)
                {
                    var reply = await client.GetHistoryAsync(
                        new HistoryRequest { Cluster = c.Name, Node = node.Name, Metric = metric, SinceUnixMs = from.ToUnixTimeMilliseconds(), StepSeconds = step },
                        headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: cancellationToken);
                    series.Add([.. reply.Buckets.Where(b => b.Count > 0).Select(b => new WriteRate.Sample(b.StartUnixMs, b.Last))]);
                }

                if (WriteRate.PeakBytesPerSecond(series, TimeSpan.FromHours(1)) is { } rate)
                {
                    peak = Math.Max(peak ?? 0, rate);
                }
            }
        }

        return peak;
    }
}
