namespace KeyBuzz.Collector.Core.Recovery;

public enum RoundPhase
{
    /// <summary>Outage declared; gathering evidence and deciding.</summary>
    Deciding,

    /// <summary>Automatic action refused or not allowed: a human must approve or force.</summary>
    AwaitingApproval,

    /// <summary>A bootstrap grant is out; waiting for the agent's answer.</summary>
    Granted,

    /// <summary>The agent started the bootstrap; waiting for Primary + Synced.</summary>
    Bootstrapping,

    /// <summary>The bootstrap node is Synced; the others are being started normally.</summary>
    StartingOthers,

    Done,

    Failed,
}
