namespace KeyBuzz.Collector.History;

/// <summary>Raw readings of one kind of node (MariaDB, or ProxySQL) as the downsampler and stepped queries read them.</summary>
internal interface IRawHistory
{
    IReadOnlyList<HistoryPoint> Query(string cluster, string node, string metric, long fromUnixMs, long toUnixMs, int limit);

    IEnumerable<(long AtUnixMs, string Metric, double Value)> NumericValues(string cluster, string node, long fromUnixMs, long toUnixMs);

    long? FirstReadingUnixMs(string cluster, string node);

    int DeleteOlderThan(string cluster, string node, DateTimeOffset cutoff);
}
