namespace KeyBuzz.Agent.Core.Repair;

public enum RepairAction
{
    /// <summary>Nothing to do, or nothing allowed: the decision says which.</summary>
    None,

    /// <summary>Run mariadbd --wsrep-recover on the stopped datadir.</summary>
    RecoverPosition,

    /// <summary>Start mariadbd so it rejoins the Primary Component (with the recovered position).</summary>
    Restart,

    /// <summary>Crash loop: stop trying and report.</summary>
    Hold,
}
