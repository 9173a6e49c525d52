using System.Globalization;

namespace KeyBuzz.Collector.Core.Readings;

/// <summary>One sample of one MariaDB node, as shipped by its agent.</summary>
/// <param name="DatadirIdentity">The datadir's identity when sampled: a recovered position is evidence only while it matches.</param>
public sealed record NodeReading(
    string InstanceId,
    ulong Seq,
    DateTimeOffset SampledAt,
    ulong DroppedTotal,
    bool MariadbRunning,
    bool SqlReachable,
    IReadOnlyDictionary<string, string> Status,
    IReadOnlyDictionary<string, string> Variables,
    GrastateSnapshot? Grastate,
    IReadOnlyList<string> Errors,
    Bootstrap.RecoveredPosition? Recovered = null,
    bool GvwstatePresent = false,
    bool SstInProgress = false,
    string RepairState = "",
    string RepairReason = "",
    string DatadirIdentity = "")
{
    public string? Text(string name) => Status.TryGetValue(name, out var value) ? value : null;

    public long? Long(string name) =>
        Status.TryGetValue(name, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public double? Double(string name) =>
        Status.TryGetValue(name, out var value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
}
