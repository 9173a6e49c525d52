namespace KeyBuzz.Collector.Core.Bootstrap;

public enum NodePositionProblem
{
    None,

    /// <summary>Not known yet: the agent has not reported a recovered position.</summary>
    Unknown,

    /// <summary>--wsrep-recover failed or found prepared transactions: a human must look.</summary>
    RecoveryFailed,

    /// <summary>No usable data (aborted SST, wiped datadir): never a bootstrap source.</summary>
    Unusable,
}
