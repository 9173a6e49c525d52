using KeyBuzz.Agent.Core.OnDisk;

namespace KeyBuzz.Agent.Core.Evidence;

/// <summary>How grastate.dat and InnoDB must agree before either is believed (pure).</summary>
public static class EvidenceRules
{
    /// <summary>
    /// Null when grastate.dat does not contradict what InnoDB recovered, else the contradiction in
    /// operator words. grastate.dat is a plain file anyone can copy; InnoDB's wsrep XID is written in
    /// the same transaction as the data. A real seqno in grastate.dat that InnoDB does not hold means
    /// the files do not belong together (a copied grastate.dat, a datadir restored under it): starting
    /// on it would IST onto the wrong data or bootstrap an empty server. An empty datadir contradicts
    /// nothing: it holds no data, only a full SST can fill it, and the agent sets its grastate.dat aside
    /// before that (see <see cref="PositionEvidence.Empty"/>).
    /// </summary>
    public static string? Disagreement(GrastateFile? grastate, string innoDbUuid, long innoDbSeqno, bool innoDbEmpty)
    {
        if (grastate is null)
        {
            return null;
        }

        if (innoDbEmpty)
        {
            return null;
        }

        if (grastate.HasPosition)
        {
            return !SameUuid(grastate.Uuid, innoDbUuid) || grastate.Seqno != innoDbSeqno
                ? $"grastate.dat says {grastate.Uuid}:{grastate.Seqno} but InnoDB holds {innoDbUuid}:{innoDbSeqno}: the files do not belong together (copied grastate.dat or restored datadir)"
                : null;
        }

        // seqno -1 (running, crashed) or the zero UUID (unsafe window): only a named history can contradict.
        return !grastate.IsZeroUuid && grastate.Uuid.Length > 0 && !SameUuid(grastate.Uuid, innoDbUuid)
            ? $"grastate.dat names cluster history {grastate.Uuid} but InnoDB holds {innoDbUuid}:{innoDbSeqno}"
            : null;
    }

    private static bool SameUuid(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
