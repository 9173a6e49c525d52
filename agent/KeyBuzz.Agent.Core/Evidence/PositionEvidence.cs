using KeyBuzz.Agent.Core.OnDisk;
using KeyBuzz.Agent.Core.Repair;

namespace KeyBuzz.Agent.Core.Evidence;

/// <summary>
/// What InnoDB says this datadir holds (from `mariadbd --wsrep-recover`), bound to the datadir as it
/// was right after the run, with grastate.dat's claim checked against it.
/// </summary>
/// <param name="Error">Why no position could be recovered (the run failed).</param>
/// <param name="Disagreement">grastate.dat claims a position InnoDB does not hold (operator words), else null.</param>
public sealed record PositionEvidence(
    string Uuid,
    long Seqno,
    bool PreparedTransactions,
    string? Error,
    string? Disagreement,
    DateTimeOffset RecoveredAt,
    DatadirIdentity Datadir)
{
    /// <summary>InnoDB holds no committed position of any cluster: an empty or re-initialised datadir.</summary>
    public bool Empty => Error is null && (Seqno < 0 || Uuid.Length == 0 || Uuid == GrastateFile.ZeroUuid);

    /// <summary>The position this datadir can serve from, when there is a usable one.</summary>
    public LocalPosition? Position => Error is null && !Empty && !PreparedTransactions ? new LocalPosition(Uuid, Seqno) : null;

    /// <summary>Still evidence for the datadir as it is now.</summary>
    public bool IsFreshFor(DatadirIdentity current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return Datadir.Token == current.Token;
    }

    /// <summary>No InnoDB system tablespace: nothing to recover, and running mariadbd would create one.</summary>
    public static PositionEvidence NoInnoDb(DateTimeOffset at, DatadirIdentity datadir) =>
        new(GrastateFile.ZeroUuid, -1, false, null, null, at, datadir);

    /// <summary>What the operator reads about this evidence.</summary>
    public string Describe() =>
        Error is not null ? $"--wsrep-recover failed: {Error}"
        : PreparedTransactions ? $"{Uuid}:{Seqno} with prepared XA transactions"
        : Empty ? "no committed position (empty or re-initialised datadir)"
        : $"{Uuid}:{Seqno}";
}
