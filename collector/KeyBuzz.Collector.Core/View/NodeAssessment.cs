namespace KeyBuzz.Collector.Core.View;

/// <summary>How a node looks right now: whether its agent reports, and what is wrong, in operator words.</summary>
public sealed record NodeAssessment(bool Reporting, TimeSpan SinceLastSeen, IReadOnlyList<string> Problems);
