namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>
/// A stopped node's position, or why it has none usable. The position is what InnoDB recovered
/// (--wsrep-recover) on the datadir as it is now: grastate.dat is a plain file that can be copied,
/// so it only counts as a claim InnoDB must confirm, and evidence from before the datadir changed
/// decides nothing.
/// </summary>
public sealed record NodePosition(Position? Position, string Source, NodePositionProblem Problem, string Detail)
{
    public static NodePosition Of(NodeEvidence node, IReadOnlySet<string>? refused = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.SstInProgress)
        {
            return new(null, "datadir", NodePositionProblem.Unusable, "an SST marker is in the datadir: its data is from an aborted state transfer");
        }

        if (node.Recovered is not { } r)
        {
            return new(null, "-", NodePositionProblem.Unknown, node.Grastate?.Error is { } torn
                ? $"grastate.dat unreadable ({torn}); waiting for --wsrep-recover"
                : "waiting for the agent's --wsrep-recover");
        }

        if (r.DatadirIdentity.Length == 0 || r.DatadirIdentity != node.DatadirIdentity)
        {
            return new(null, "-", NodePositionProblem.Unknown, $"stale: the datadir changed since --wsrep-recover found {Describe(r)}; waiting for a position derived from it as it is now");
        }

        if (refused?.Contains(EvidenceToken(node.Node, r)) == true)
        {
            return new(null, "-", NodePositionProblem.Unknown, $"refused a grant on this evidence ({Describe(r)}); waiting for fresh evidence before deciding again");
        }

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
            var claim = node.Grastate is { Present: true, Seqno: >= 0 } g && g.Uuid != Position.ZeroUuid ? $"; grastate.dat's {g.Uuid}:{g.Seqno} is not believed" : string.Empty;
            return new(null, "--wsrep-recover", NodePositionProblem.Empty, $"no committed position in InnoDB (empty or re-initialised datadir){claim}");
        }

        var position = new Position(r.Uuid, r.Seqno);
        if (r.Disagreement is { Length: > 0 } disagreement)
        {
            return new(position, "--wsrep-recover", NodePositionProblem.Disagrees, disagreement);
        }

        return new(position, "--wsrep-recover", NodePositionProblem.None, string.Empty);
    }

    /// <summary>Names one piece of evidence of one node: a grant refused on it is never re-issued on it.</summary>
    public static string EvidenceToken(string node, RecoveredPosition recovered)
    {
        ArgumentNullException.ThrowIfNull(recovered);
        return $"{node}|{recovered.Token}";
    }

    private static string Describe(RecoveredPosition r) =>
        r.Error is { Length: > 0 } ? "an error" : r.Seqno < 0 || r.Uuid == Position.ZeroUuid ? "no position" : $"{r.Uuid}:{r.Seqno}";
}
