namespace KeyBuzz.Agent.Core.Repair;

public enum RepairAction
{
    /// <summary>Nothing to do, or nothing allowed: the decision says which.</summary>
    None,

    /// <summary>Start mariadbd so it rejoins the Primary Component (with the recovered position).</summary>
    Restart,

    /// <summary>Crash loop: stop trying and report.</summary>
    Hold,
}
