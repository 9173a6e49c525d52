namespace KeyBuzz.Agent.Core.Shipping;

/// <summary>Exponential backoff with jitter, so many agents do not reconnect in lockstep.</summary>
public static class ReconnectBackoff
{
    /// <param name="attempt">0 for the first retry.</param>
    /// <param name="jitter">A random number in [0, 1).</param>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, double jitter)
    {
        var exponent = Math.Clamp(attempt, 0, 30);
        var ceiling = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        // "Equal jitter": between half and all of the ceiling.
        var millis = (ceiling / 2) + (ceiling / 2 * Math.Clamp(jitter, 0, 1));
        return TimeSpan.FromMilliseconds(millis);
    }
}
