using KeyBuzz.Collector.Diagnostics;
using KeyBuzz.Collector.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.History;

/// <summary>Deletes raw readings older than the retention period, every 10 minutes.</summary>
internal sealed class RetentionService(HistoryStore history, IOptions<CollectorOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), time);
        do
        {
            var cutoff = time.GetUtcNow() - TimeSpan.FromHours(options.Value.RetentionHours);
            var deleted = history.DeleteOlderThan(cutoff);
            if (deleted > 0)
            {
                Log.RetentionDeleted(logger, deleted, cutoff);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
