namespace KeyBuzz.Collector.Core.Bootstrap;

public enum NodePositionProblem
{
    None,

    /// <summary>Not known yet, or stale: no --wsrep-recover result for the datadir as it is now.</summary>
    Unknown,

    /// <summary>--wsrep-recover failed or found prepared transactions: a human must look.</summary>
    RecoveryFailed,

    /// <summary>An aborted SST: never a bootstrap source.</summary>
    Unusable,

    /// <summary>InnoDB holds no committed position (wiped or re-initialised datadir), whatever grastate.dat says.</summary>
    Empty,

    /// <summary>grastate.dat claims a position InnoDB does not hold: refused for this node.</summary>
    Disagrees,
}
