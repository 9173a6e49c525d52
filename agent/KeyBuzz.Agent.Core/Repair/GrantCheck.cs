namespace KeyBuzz.Agent.Core.Repair;

/// <summary>
/// The agent's last word on a bootstrap grant (pure): single use, unexpired by both clocks, for
/// this node, nobody Primary anywhere, and the position the decision was based on still holds.
/// Returns null when the bootstrap may proceed, else the reason to refuse.
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

        if (advice.PrimaryElsewhere)
        {
            return $"{string.Join(", ", advice.PrimaryNodes)} reported Primary: bootstrapping would create a second cluster";
        }

        if (g.PeersPrimary.Count > 0)
        {
            return $"{string.Join(", ", g.PeersPrimary)} answered Primary to this agent: bootstrapping would create a second cluster";
        }

        if (g.Position is not { } position)
        {
            return "this node's position is unknown (grastate.dat and --wsrep-recover gave none)";
        }

        if (!g.Forced && (!string.Equals(position.Uuid, g.ExpectedUuid, StringComparison.OrdinalIgnoreCase) || position.Seqno != g.ExpectedSeqno))
        {
            return $"position changed since the decision: now {position}, decided on {g.ExpectedUuid}:{g.ExpectedSeqno}";
        }

        return null;
    }
}
