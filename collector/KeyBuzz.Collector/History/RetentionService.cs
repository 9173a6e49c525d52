using KeyBuzz.Collector.Alerts;
using KeyBuzz.Collector.Diagnostics;
using KeyBuzz.Collector.Events;
using KeyBuzz.Collector.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.History;

/// <summary>
/// Every minute: aggregates complete minutes of raw readings (MariaDB and ProxySQL nodes), then deletes raw readings past
/// Collector:RetentionHours (never ones not yet aggregated), minutes past MinuteRetentionDays, and
/// events past Alerts:EventRetentionDays.
/// </summary>
internal sealed class RetentionService(
    HistoryStore history,
    MinuteStore minutes,
    Downsampler downsampler,
    ProxyHistoryStore proxyHistory,
    EventStore events,
    IOptions<CollectorOptions> options,
    IOptions<AlertOptions> alertOptions,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        do
        {
            try
            {
                RunOnce();
            }
            catch (Exception e) when (e is LiteDB.LiteException or IOException)
            {
                Log.HistoryWriteFailed(logger, 0, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal void RunOnce()
    {
        var now = time.GetUtcNow();
        var rawCutoff = now - TimeSpan.FromHours(options.Value.RetentionHours);
        var minuteCutoff = now - TimeSpan.FromDays(options.Value.MinuteRetentionDays);
        int aggregated = 0, deleted = 0;
        foreach (var (cluster, node) in history.KnownNodes())
        {
            aggregated += downsampler.Run(cluster, node, now);
            deleted += history.DeleteOlderThan(cluster, node, downsampler.RawDeletable(cluster, node, rawCutoff));
            minutes.DeleteOlderThan(cluster, node, minuteCutoff);
        }

        foreach (var (cluster, proxy) in proxyHistory.KnownProxies())
        {
            aggregated += proxyHistory.Downsampler.Run(cluster, proxy, now);
            deleted += proxyHistory.DeleteOlderThan(cluster, proxy, proxyHistory.Downsampler.RawDeletable(cluster, proxy, rawCutoff));
            proxyHistory.Minutes.DeleteOlderThan(cluster, proxy, minuteCutoff);
        }

        events.DeleteOlderThan(now - TimeSpan.FromDays(alertOptions.Value.EventRetentionDays));
        if (aggregated > 0)
        {
            Log.Downsampled(logger, aggregated);
        }

        if (deleted > 0)
        {
            Log.RetentionDeleted(logger, deleted, rawCutoff);
        }
    }
}
