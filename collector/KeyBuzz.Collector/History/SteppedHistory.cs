using KeyBuzz.Collector.Core.History;
using KeyBuzz.Collector.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.History;

/// <summary>
/// History at a step: from raw readings while the range is within raw retention, else from the
/// one-minute aggregates (the step is then rounded up to whole minutes).
/// </summary>
internal sealed class SteppedHistory(IRawHistory history, MinuteStore minutes, IOptions<CollectorOptions> options, TimeProvider time)
{
    public const long MinuteMs = 60_000;

    public (IReadOnlyList<Bucket> Buckets, long StepMs, string Source) Query(string cluster, string node, string metric, long fromUnixMs, long toUnixMs, long stepMs)
    {
        var rawStart = (time.GetUtcNow() - TimeSpan.FromHours(options.Value.RetentionHours)).ToUnixTimeMilliseconds();
        if (fromUnixMs >= rawStart)
        {
            var values = history.Query(cluster, node, metric, fromUnixMs, toUnixMs, int.MaxValue).Where(p => p.Value is not null).Select(p => (p.AtUnixMs, p.Value!.Value));
            return (StepAggregator.Aggregate(values, stepMs), stepMs, "raw");
        }

        var minuteStep = Math.Max(MinuteMs, (stepMs + MinuteMs - 1) / MinuteMs * MinuteMs);
        return (StepAggregator.Merge(minutes.Query(cluster, node, metric, fromUnixMs, toUnixMs), minuteStep), minuteStep, "1m");
    }
}
