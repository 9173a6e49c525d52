namespace KeyBuzz.Agent.Io;

internal interface IProcessProbe
{
    /// <summary>True when the mariadbd process of this node exists (works while it is down or hung).</summary>
    bool IsMariadbRunning();
}
