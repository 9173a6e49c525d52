namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>Where a stopped node's position comes from, or why it has none usable.</summary>
public sealed record NodePosition(Position? Position, string Source, NodePositionProblem Problem, string Detail)
{
    /// <summary>grastate.dat when it holds a real position (clean shutdown), else --wsrep-recover.</summary>
    public static NodePosition Of(NodeEvidence node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.SstInProgress)
        {
            return new(null, "datadir", NodePositionProblem.Unusable, "an SST marker is in the datadir: its data is from an aborted state transfer");
        }

        if (node.Grastate is { Present: true, Error: null } g && g.Seqno >= 0 && g.Uuid != Position.ZeroUuid && g.Uuid.Length > 0)
        {
            return new(new Position(g.Uuid, g.Seqno), "grastate.dat", NodePositionProblem.None, string.Empty);
        }

        if (node.Recovered is { } r)
        {
            if (r.Error is { Length: > 0 } error)
            {
                return new(null, "--wsrep-recover", NodePositionProblem.RecoveryFailed, $"--wsrep-recover failed: {error}");
            }

            if (r.PreparedTransactions)
            {
                return new(null, "--wsrep-recover", NodePositionProblem.RecoveryFailed, "InnoDB found prepared XA transactions: they need --tc-heuristic-recover by a human");
            }

            if (r.Seqno < 0 || r.Uuid == Position.ZeroUuid || r.Uuid.Length == 0)
            {
                return new(null, "--wsrep-recover", NodePositionProblem.Unusable, "no committed position in InnoDB (empty or wiped datadir)");
            }

            return new(new Position(r.Uuid, r.Seqno), "--wsrep-recover", NodePositionProblem.None, string.Empty);
        }

        return new(null, "-", NodePositionProblem.Unknown, node.Grastate?.Error is { } torn
            ? $"grastate.dat unreadable ({torn}); waiting for --wsrep-recover"
            : "waiting for the agent's --wsrep-recover");
    }
}
