namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>Where history places a node relative to the latest Primary Component.</summary>
public enum NodeHistory
{
    /// <summary>Never seen Primary, or no Primary Component known yet: history proves nothing.</summary>
    Unknown,

    /// <summary>A member of the latest Primary Component.</summary>
    InLatest,

    /// <summary>Last Primary in an older component, and every member of the latest is known: the latest has everything it committed.</summary>
    Behind,

    /// <summary>Last Primary in an older component, but not every member of the latest was seen: it may be the unseen one.</summary>
    LeftBefore,

    /// <summary>Last Primary in a forked component: its data diverged from the latest history.</summary>
    ServedFork,
}
