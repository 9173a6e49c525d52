namespace KeyBuzz.Ctl.ProxySql;

/// <summary>
/// What every proxy of one apply is asked to converge to: the same writer for all (the one they agree
/// on, the switchover target, or none for fresh proxies), pinned unless failback is allowed.
/// </summary>
internal sealed record ApplyTarget(string? Writer, bool Switchover, bool AllowFailback);
