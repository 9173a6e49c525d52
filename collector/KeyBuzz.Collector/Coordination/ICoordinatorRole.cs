namespace KeyBuzz.Collector.Coordination;

/// <summary>
/// Whether this collector may coordinate: open recovery rounds, grant, send commands, push alerts.
/// Asked at the moment of acting, never cached: leadership can end between two ticks.
/// </summary>
internal interface ICoordinatorRole
{
    bool IsLeader { get; }

    /// <summary>
    /// Null when not leading; else the fencing token commands carry (the leader key's etcd revision,
    /// 0 in single-collector mode). One read answers both, so they cannot disagree.
    /// </summary>
    long? LeadingToken { get; }

    CoordinatorState Describe();
}
