using System.Collections.Immutable;
using System.Globalization;
using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>
/// The last few minutes of the counters the rules need per node (immutable). Rules that speak of
/// "within 1m" or "over 5m" read increases from here rather than from the database.
/// </summary>
public sealed class CounterWindow
{
    public static readonly TimeSpan Span = TimeSpan.FromMinutes(10);

    public static readonly IReadOnlyList<string> Watched =
    [
        "wsrep_replicated", "wsrep_local_cert_failures", WsrepStatus.FlowControlPausedNs,
        "wsrep_flow_control_sent", "wsrep_replicated_bytes", "wsrep_received_bytes",
    ];

    private readonly ImmutableDictionary<string, ImmutableList<CounterSample>> _nodes;

    private CounterWindow(ImmutableDictionary<string, ImmutableList<CounterSample>> nodes) => _nodes = nodes;

    public static CounterWindow Empty { get; } = new(ImmutableDictionary<string, ImmutableList<CounterSample>>.Empty.WithComparers(StringComparer.Ordinal));

    public CounterWindow Add(string cluster, string node, NodeReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var key = Key(cluster, node);
        var samples = _nodes.TryGetValue(key, out var known) ? known : [];
        if (samples.Count > 0 && reading.SampledAt <= samples[^1].At)
        {
            return this;
        }

        var values = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var name in Watched)
        {
            if (reading.Status.TryGetValue(name, out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                values[name] = value;
            }
        }

        samples = samples.Add(new CounterSample(reading.SampledAt, values.ToImmutable()));
        var oldest = reading.SampledAt - Span;
        var firstKept = samples.FindIndex(s => s.At >= oldest);
        if (firstKept > 0)
        {
            samples = samples.RemoveRange(0, firstKept);
        }

        return new CounterWindow(_nodes.SetItem(key, samples));
    }

    /// <summary>Growth of a counter over the last <paramref name="span"/>; null with fewer than two samples.</summary>
    public CounterIncrease? Increase(string cluster, string node, string counter, TimeSpan span, DateTimeOffset now)
    {
        if (!_nodes.TryGetValue(Key(cluster, node), out var samples))
        {
            return null;
        }

        var start = now - span;
        var relevant = samples.Where(s => s.Values.ContainsKey(counter)).ToList();
        var baseline = relevant.FindLastIndex(s => s.At <= start);
        if (baseline < 0)
        {
            baseline = 0;
        }

        if (relevant.Count - baseline < 2)
        {
            return null;
        }

        var increase = Rates.CounterRate.Increase(relevant.Skip(baseline).Select(s => s.Values[counter]));
        return new CounterIncrease(increase, relevant[^1].At - relevant[baseline].At);
    }

    private static string Key(string cluster, string node) => cluster + "/" + node;
}
