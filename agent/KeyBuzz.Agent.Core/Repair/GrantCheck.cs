namespace KeyBuzz.Agent.Core.Repair;

/// <summary>
/// The agent's last word on a bootstrap grant (pure): single use, unexpired by both clocks, for
/// this node, nobody Primary anywhere; then, on the datadir re-derived right before acting: real
/// data, grastate.dat and InnoDB agreeing, the datadir the decision was made on, and exactly the
/// granted position. Each returns null when the bootstrap may proceed, else the reason to refuse.
/// </summary>
public static class GrantCheck
{
    public static string? Refusal(GrantInputs g)
    {
        ArgumentNullException.ThrowIfNull(g);
        if (g.GrantNode != g.MyNode)
        {
            return $"grant is for {g.GrantNode}, this is {g.MyNode}";
        }

        if (g.AlreadyUsed)
        {
            return "grant already used: grants are single-use";
        }

        // Both clocks must agree the grant is alive: our receive time, and the collector's issue time (allowing some skew).
        if (g.Now > g.ReceivedAt + g.Ttl || g.Now > g.IssuedAt + g.Ttl + g.ClockSkewAllowance)
        {
            return "grant expired";
        }

        if (g.MariadbRunning)
        {
            return "mariadbd is running: a bootstrap needs it stopped";
        }

        if (g.Advice is not { } advice)
        {
            return "no fresh view from the collector to confirm that no peer is Primary";
        }

        if (advice.Maintenance)
        {
            return "node in maintenance: nothing is done to it";
        }

        if (advice.AutomaticActionsStopped.Length > 0 && !g.Forced)
        {
            return $"automatic actions are stopped for this cluster: {advice.AutomaticActionsStopped}";
        }

        if (advice.PrimaryElsewhere)
        {
            return $"{string.Join(", ", advice.PrimaryNodes)} reported Primary: bootstrapping would create a second cluster";
        }

        if (g.PeersPrimary.Count > 0)
        {
            return $"{string.Join(", ", g.PeersPrimary)} answered Primary to this agent: bootstrapping would create a second cluster";
        }

        return null;
    }

    public static string? EvidenceRefusal(GrantEvidence e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.DatadirChange is { Length: > 0 } change)
        {
            return $"the datadir changed since the granted position was reported ({change}): the decision was made on other data";
        }

        if (e.Rederived is not { } evidence)
        {
            return "this node's position could not be re-derived from its datadir";
        }

        if (evidence.Error is { } error)
        {
            return $"--wsrep-recover failed right before the bootstrap: {error}";
        }

        if (evidence.Empty)
        {
            return "the datadir holds no committed position (empty or re-initialised): it is never a bootstrap source, whatever grastate.dat says";
        }

        if (evidence.PreparedTransactions)
        {
            return "InnoDB found prepared XA transactions: they need --tc-heuristic-recover by a human";
        }

        if (evidence.Disagreement is { } disagreement)
        {
            return disagreement;
        }

        if (!e.Forced && (!string.Equals(evidence.Uuid, e.ExpectedUuid, StringComparison.OrdinalIgnoreCase) || evidence.Seqno != e.ExpectedSeqno))
        {
            return $"position changed since the decision: InnoDB now holds {evidence.Uuid}:{evidence.Seqno}, the grant is for {e.ExpectedUuid}:{e.ExpectedSeqno}";
        }

        return null;
    }
}
