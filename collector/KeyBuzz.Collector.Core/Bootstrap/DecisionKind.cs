namespace KeyBuzz.Collector.Core.Bootstrap;

public enum DecisionKind
{
    /// <summary>Some node is Primary: not a full outage, nothing to bootstrap.</summary>
    NoOutage,

    /// <summary>Not enough evidence yet; the decision names what it waits for.</summary>
    Wait,

    /// <summary>Every member of the last Primary Component is back: Galera reforms it by itself.</summary>
    LetPcRecovery,

    /// <summary>Start these stopped nodes normally (never a bootstrap) so pc.recovery can complete.</summary>
    StartNormally,

    /// <summary>Bootstrap this node: it provably holds the most advanced position.</summary>
    Bootstrap,

    /// <summary>Automatic action is unsafe; a human must decide (the decision says why).</summary>
    Refuse,

    /// <summary>Stop these running nodes first: history proves their view older than the latest Primary Component.</summary>
    Fence,
}
