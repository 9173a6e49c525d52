namespace KeyBuzz.Collector.Coordination;

/// <summary>
/// Whether this collector may coordinate: open recovery rounds, grant, send commands, push alerts.
/// Asked at the moment of acting, never cached: leadership can end between two ticks.
/// </summary>
internal interface ICoordinatorRole
{
    bool IsLeader { get; }

    /// <summary>The leader key's etcd revision while leading (0 in single-collector mode): commands carry it.</summary>
    long FencingToken { get; }

    CoordinatorState Describe();
}
