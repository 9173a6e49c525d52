namespace KeyBuzz.Collector.Commands;

/// <summary>
/// At most one disruptive operation (a drill's stop, a rolling apply) per cluster at a time, so two
/// of them can never take two nodes away together. A lease expires on its own if its owner vanishes.
/// </summary>
internal sealed class DisruptionLeases(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Owner, DateTimeOffset Until)> _leases = new(StringComparer.Ordinal);

    /// <summary>Null when <paramref name="owner"/> holds the cluster's lease now; otherwise who does.</summary>
    public string? TryAcquire(string cluster, string owner, TimeSpan ttl)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_leases.TryGetValue(cluster, out var held) && held.Owner != owner && held.Until > now)
            {
                return $"{held.Owner} is in progress on {cluster} (until it ends, at the latest {held.Until:HH:mm:ss} UTC): one disruptive operation at a time";
            }

            _leases[cluster] = (owner, now + ttl);
            return null;
        }
    }

    public void Release(string cluster, string owner)
    {
        lock (_lock)
        {
            if (_leases.TryGetValue(cluster, out var held) && held.Owner == owner)
            {
                _leases.Remove(cluster);
            }
        }
    }
}
