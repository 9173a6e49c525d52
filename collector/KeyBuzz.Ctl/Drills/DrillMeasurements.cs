using System.Globalization;
using System.Text;

namespace KeyBuzz.Ctl.Drills;

/// <summary>What a node drill measured, and the report an operator reads.</summary>
internal sealed record DrillMeasurements(
    string Drill,
    string Node,
    int Acked,
    int Errors,
    IReadOnlyList<string> ErrorSamples,
    TimeSpan LongestWriteGap,
    IReadOnlyDictionary<string, int> LostPerAddress,
    TimeSpan? RejoinAfterStart,
    TimeSpan? DownFor,
    string? Problem,
    TimeSpan? LongestWriteGapFrom = null,
    DrillPhaseGaps? Phases = null)
{
    /// <summary>Acknowledged writes missing on the worst node (nodes that could not be read count as -1 and fail the drill).</summary>
    public int Lost => LostPerAddress.Values.DefaultIfEmpty(0).Max();

    public bool Passed => Problem is null && Lost == 0 && RejoinAfterStart is not null && LostPerAddress.Values.All(v => v >= 0);

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{(Passed ? "PASSED" : "FAILED")}: {Drill} {Node}: write gap {Seconds(LongestWriteGap)}, {Errors} client errors, {Lost} acknowledged writes lost, {Back} {(RejoinAfterStart is { } r ? Seconds(r) : "never")} after start");

    /// <summary>What "back" means: a MariaDB node Synced, a ProxySQL node routing again.</summary>
    private string Back => Drill.StartsWith("proxysql", StringComparison.Ordinal) ? "back routing" : "back Synced";

    public string Report()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Drill {Drill} on {Node}\n");
        text.Append(CultureInfo.InvariantCulture, $"  writes acknowledged      {Acked} (one every 50 ms)\n");
        text.Append(CultureInfo.InvariantCulture, $"  longest write gap        {Seconds(LongestWriteGap)}{At(LongestWriteGapFrom)}\n");
        if (Phases is { } phases)
        {
            // The switchover, the stop and the rejoin cost differently: a leaving or joining node's view change pauses commits.
            if (phases.UntilStop is { } untilStop)
            {
                text.Append(CultureInfo.InvariantCulture, $"    until the stop         {Seconds(untilStop)} (the planned switchover, drained)\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"    until the start        {Seconds(phases.UntilStart)}{At(phases.UntilStartFrom)}\n");
            text.Append(CultureInfo.InvariantCulture, $"    from the start         {Seconds(phases.FromStart)} (the rejoin's view change pauses every commit)\n");
            if (phases is { DirectNode: { } direct, DirectUntilStart: { } directGap })
            {
                text.Append(CultureInfo.InvariantCulture, $"  direct on {direct.PadRight(14)} {Seconds(directGap)} until the start (a writer on {direct} itself, not through ProxySQL: Galera's own pause as the node left)\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"  client errors            {Errors}{(ErrorSamples.Count > 0 ? $" ({string.Join(" | ", ErrorSamples)})" : string.Empty)}\n");
        text.Append(CultureInfo.InvariantCulture, $"  node down for            {(DownFor is { } d ? Seconds(d) : "-")}\n");
        text.Append(CultureInfo.InvariantCulture, $"  {(Back + " after start").PadRight(24)} {(RejoinAfterStart is { } r ? Seconds(r) : "never")}\n");
        foreach (var (address, lost) in LostPerAddress)
        {
            text.Append(CultureInfo.InvariantCulture, $"  acknowledged writes missing on {address}: {(lost < 0 ? "could not be read" : lost)}\n");
        }

        if (Problem is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"  problem: {Problem}\n");
        }

        text.Append(Summary).Append('\n');
        return text.ToString();
    }

    public static TimeSpan LongestGap(IReadOnlyList<TimeSpan> ackTimes) => LongestGap(ackTimes, TimeSpan.MinValue, TimeSpan.MaxValue).Gap;

    /// <summary>The longest pause between consecutive acknowledgements whose first lies in [from, until), and when it began.</summary>
    public static (TimeSpan Gap, TimeSpan? From) LongestGap(IReadOnlyList<TimeSpan> ackTimes, TimeSpan from, TimeSpan until)
    {
        ArgumentNullException.ThrowIfNull(ackTimes);
        var longest = (Gap: TimeSpan.Zero, From: (TimeSpan?)null);
        for (var i = 1; i < ackTimes.Count; i++)
        {
            var gap = ackTimes[i] - ackTimes[i - 1];
            if (ackTimes[i - 1] >= from && ackTimes[i - 1] < until && gap > longest.Gap)
            {
                longest = (gap, ackTimes[i - 1]);
            }
        }

        return longest;
    }

    private static string At(TimeSpan? from) => from is { } f ? string.Create(CultureInfo.InvariantCulture, $" (from +{f.TotalSeconds:0.00}s)") : string.Empty;

    private static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.00} s");
}
