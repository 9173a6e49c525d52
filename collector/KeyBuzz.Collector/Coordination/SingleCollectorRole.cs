namespace KeyBuzz.Collector.Coordination;

/// <summary>No etcd configured: the only collector is always the coordinator (the default).</summary>
internal sealed class SingleCollectorRole : ICoordinatorRole
{
    public bool IsLeader => true;

    public long? LeadingToken => 0;

    public CoordinatorState Describe() =>
        new("single", Environment.MachineName, true, Environment.MachineName, string.Empty, null, 0, 0, [], string.Empty);
}
