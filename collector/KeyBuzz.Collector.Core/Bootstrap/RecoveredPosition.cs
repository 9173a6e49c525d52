namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>What `mariadbd --wsrep-recover` found on a stopped datadir (reported by the agent).</summary>
public sealed record RecoveredPosition(string Uuid, long Seqno, string? Error, bool PreparedTransactions);
