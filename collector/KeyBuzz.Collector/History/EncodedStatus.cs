namespace KeyBuzz.Collector.History;

/// <summary>A reading's status values, parsed: names in the agent's order, each a number or a text.</summary>
internal sealed record EncodedStatus(IReadOnlyList<string> Names, IReadOnlyList<(double? Number, string? Text)> Values);
