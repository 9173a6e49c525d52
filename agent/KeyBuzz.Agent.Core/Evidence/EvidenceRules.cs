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
    /// on it would IST onto the wrong data or bootstrap an empty server.
    /// </summary>
    public static string? Disagreement(GrastateFile? grastate, string innoDbUuid, long innoDbSeqno, bool innoDbEmpty)
    {
        if (grastate is null)
        {
            return null;
        }

        var innoDb = innoDbEmpty ? "no committed position" : $"{innoDbUuid}:{innoDbSeqno}";
        if (grastate.HasPosition)
        {
            if (innoDbEmpty || !SameUuid(grastate.Uuid, innoDbUuid) || grastate.Seqno != innoDbSeqno)
            {
                return $"grastate.dat says {grastate.Uuid}:{grastate.Seqno} but InnoDB holds {innoDb}: the files do not belong together (copied grastate.dat or restored datadir)";
            }

            return null;
        }

        // seqno -1 (running, crashed) or the zero UUID (unsafe window): only a named history can contradict.
        if (!grastate.IsZeroUuid && grastate.Uuid.Length > 0 && !innoDbEmpty && !SameUuid(grastate.Uuid, innoDbUuid))
        {
            return $"grastate.dat names cluster history {grastate.Uuid} but InnoDB holds {innoDb}";
        }

        return null;
    }

    private static bool SameUuid(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
