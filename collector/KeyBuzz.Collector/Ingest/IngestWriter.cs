using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;
using KeyBuzz.Collector.Diagnostics;
using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Options;
using Prometheus;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Ingest;

/// <summary>
/// The single writer: drains whatever the streams submitted, derives rates through the view,
/// stores the batch in one transaction, then publishes the view and releases the streams' acks.
/// </summary>
internal sealed class IngestWriter(
    IngestQueue queue,
    HistoryStore history,
    ClusterViewStore views,
    Recovery.ComponentStore components,
    Metrics.CollectorMetrics metrics,
    IOptions<CollectorOptions> options,
    ILogger<IngestWriter> logger) : BackgroundService
{
    private readonly int _maxBatch = options.Value.MaxWriteBatch;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var requests = new List<IngestRequest>();
        while (await queue.Reader.WaitToReadAsync(stoppingToken))
        {
            requests.Clear();
            var readings = 0;
            while (readings < _maxBatch && queue.Reader.TryRead(out var request))
            {
                requests.Add(request);
                readings += request.Readings.Count;
            }

            WriteBatch(requests);
        }
    }

    internal void WriteBatch(IReadOnlyList<IngestRequest> requests)
    {
        var clusters = views.Snapshot();
        var stored = new List<StoredReading>();
        var observed = new List<(string, string, NodeReading)>();
        foreach (var request in requests)
        {
            var view = clusters.TryGetValue(request.Cluster, out var existing) ? existing : ClusterView.Empty(request.Cluster);
            for (var i = 0; i < request.Readings.Count; i++)
            {
                var reading = request.Readings[i];
                view = ClusterViewReducer.Apply(view, request.Node, request.Agent, reading, request.ReceivedAt);
                var state = view.Nodes[request.Node];
                var paused = state.Latest.Seq == reading.Seq && state.Latest.InstanceId == reading.InstanceId ? state.FlowControlPausedPercent : null;
                stored.Add(new StoredReading(request.Cluster, request.Node, reading, paused, request.Encoded?[i]));
                // The ledger of Primary Components orders readings of different hosts: on the collector's clock.
                observed.Add((request.Cluster, request.Node, reading with { SampledAt = AgentClock.CollectorTime(reading.SampledAt, request.SentAt, request.ReceivedAt) }));
            }

            clusters = clusters.SetItem(request.Cluster, view);
        }

        try
        {
            int written;
            using (metrics.WriteSeconds.NewTimer())
            {
                written = history.Append(stored);
            }

            metrics.ReadingsStored.Inc(written);
            metrics.WriteBatchSize.Observe(stored.Count);
        }
        catch (Exception ex)
        {
            Log.HistoryWriteFailed(logger, stored.Count, ex);
            foreach (var request in requests)
            {
                request.Stored.TrySetException(ex);
            }

            return;
        }

        components.Observe(observed);
        views.Publish(clusters);
        foreach (var request in requests)
        {
            request.Stored.TrySetResult();
        }
    }
}
