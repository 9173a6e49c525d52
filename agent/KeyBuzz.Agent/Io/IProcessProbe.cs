namespace KeyBuzz.Agent.Io;

internal interface IProcessProbe
{
    /// <summary>True when the mariadbd process of this node exists (works while it is down or hung).</summary>
    bool IsMariadbRunning();

    /// <summary>
    /// True when this node's own server (its pid file's process) runs: its writes are not someone
    /// changing the datadir, while another mariadbd on it (install-db, a hand run) is.
    /// </summary>
    bool IsNodeServerRunning();
}
