namespace KeyBuzz.Collector.Core.Coordination;

/// <summary>
/// When a replica may act as the leader. etcd counts a lease's TTL from when it received the last
/// keep-alive, which is after the replica sent it: counting from the send time, less a margin for
/// clock-rate drift and scheduling, the replica stops leading before etcd can expire the lease and
/// let another replica win. A replica cut off from etcd therefore steps down on its own clock.
/// </summary>
public static class Leadership
{
    public static bool Leads(LeaderLease? lease, DateTimeOffset now, TimeSpan margin) =>
        lease is not null && lease.Ttl > margin && now < lease.ConfirmedSentAt + lease.Ttl - margin;

    /// <summary>
    /// A keep-alive answer: etcd returns the lease's new TTL, or 0 when the lease had already
    /// expired (its keys, the leader key among them, are gone: never lead on it again).
    /// </summary>
    public static LeaderLease? AfterKeepAlive(LeaderLease lease, DateTimeOffset sentAt, long ttlSeconds) =>
        ttlSeconds <= 0 ? null : lease with { ConfirmedSentAt = sentAt, Ttl = TimeSpan.FromSeconds(ttlSeconds) };
}
