namespace KeyBuzz.Collector.Core.Components;

public enum ComponentVerdict
{
    /// <summary>Seen, not judged yet: no member has shown a caught-up position in it.</summary>
    Pending,

    /// <summary>It holds every commit the latest Primary Component had (or a human decided it does not matter).</summary>
    Legit,

    /// <summary>It started below what the latest Primary Component had committed: a second history of the same cluster.</summary>
    Forked,
}
