namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>The latest Primary Component history knows: its members and the highest seqno seen committed in it.</summary>
public sealed record LatestComponent(string Uuid, long HighWater, IReadOnlyList<string> Members, bool MembersComplete);
