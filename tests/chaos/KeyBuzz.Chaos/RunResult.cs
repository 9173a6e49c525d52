namespace KeyBuzz.Chaos;

/// <param name="Faults">The faults applied, in order.</param>
/// <param name="Outcome">How the system ended: recovered, or waiting for a human with its reason.</param>
/// <param name="NeedsReset">The lab is not healthy (a human would have to decide): the next run starts from a fresh lab.</param>
internal sealed record RunResult(string Faults, string Outcome, IReadOnlyList<string> Violations, bool NeedsReset);
