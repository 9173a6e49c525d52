namespace KeyBuzz.Collector.Core.Coordination;

/// <summary>
/// What a replica knows of its own claim to lead: the etcd lease that holds the leader key, the
/// key's create revision (the fencing token every command carries) and the last keep-alive etcd
/// confirmed, counted from when it was sent.
/// </summary>
public sealed record LeaderLease(long LeaseId, long Token, DateTimeOffset ConfirmedSentAt, TimeSpan Ttl);
