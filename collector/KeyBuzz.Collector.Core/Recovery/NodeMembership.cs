namespace KeyBuzz.Collector.Core.Recovery;

/// <summary>The last Primary configuration the collector saw a node in (persisted: it outlives readings and restarts).</summary>
public sealed record NodeMembership(long? LastPrimaryConfId, string? LastPrimaryStateUuid, DateTimeOffset? LastPrimaryAt)
{
    public static readonly NodeMembership Unknown = new(null, null, null);
}
