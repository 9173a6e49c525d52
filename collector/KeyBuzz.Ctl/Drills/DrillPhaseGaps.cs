namespace KeyBuzz.Ctl.Drills;

/// <summary>
/// The longest write gap in each phase of a drill (a gap belongs to the phase its first acknowledgement
/// falls in), and, when ProxySQL moved the writes first, the gap a direct writer on the new writer saw
/// until the start: Galera's own pause as the node left, which no proxy can avoid.
/// </summary>
internal sealed record DrillPhaseGaps(
    TimeSpan UntilStart,
    TimeSpan? UntilStartFrom,
    TimeSpan FromStart,
    TimeSpan? UntilStop = null,
    string? DirectNode = null,
    TimeSpan? DirectUntilStart = null);
