namespace KeyBuzz.Collector.Core.Recovery;

public enum RoundCommandKind
{
    /// <summary>Start mariadbd normally (never a bootstrap).</summary>
    Start,

    /// <summary>Stop a running node whose view history proves stale (never a Primary one: the agent checks).</summary>
    Fence,
}
