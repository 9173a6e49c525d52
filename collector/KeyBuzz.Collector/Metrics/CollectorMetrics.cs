using Prometheus;

namespace KeyBuzz.Collector.Metrics;

/// <summary>The collector's Prometheus registry and its self-metrics (prometheus-net writes the exposition format).</summary>
internal sealed class CollectorMetrics
{
    public CollectorMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        ReadingsStored = Factory.CreateCounter("keybuzz_collector_readings_stored_total", "Readings durably written to the history database.");
        ReadingsRejected = Factory.CreateCounter("keybuzz_collector_readings_rejected_total", "Readings refused as invalid.");
        AgentStreams = Factory.CreateGauge("keybuzz_collector_agent_streams", "Agent streams open now.");
        WriteSeconds = Factory.CreateHistogram("keybuzz_collector_litedb_write_seconds", "Time to write and make durable one batch of readings in LiteDB.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });
        WriteBatchSize = Factory.CreateHistogram("keybuzz_collector_litedb_write_batch_readings", "Readings per LiteDB write batch.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(1, 4, 8) });
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    public Counter ReadingsStored { get; }

    public Counter ReadingsRejected { get; }

    public Gauge AgentStreams { get; }

    public Histogram WriteSeconds { get; }

    public Histogram WriteBatchSize { get; }
}
