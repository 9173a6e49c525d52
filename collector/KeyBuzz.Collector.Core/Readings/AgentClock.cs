namespace KeyBuzz.Collector.Core.Readings;

/// <summary>
/// When a reading was taken, on the collector's clock: its age measured on the agent's own clock
/// (batch sent at − sampled at), counted back from when the batch arrived. Hosts whose clocks
/// disagree, and readings an agent resends from its buffer, are then ordered as they happened.
/// </summary>
public static class AgentClock
{
    public static DateTimeOffset CollectorTime(DateTimeOffset sampledAt, DateTimeOffset? batchSentAt, DateTimeOffset receivedAt)
    {
        if (batchSentAt is not { } sent)
        {
            return sampledAt; // an agent that does not say when it sent: its own clock is all there is
        }

        var age = sent - sampledAt;
        return age <= TimeSpan.Zero ? receivedAt : receivedAt - age;
    }
}
