namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>What `mariadbd --wsrep-recover` found on a stopped datadir (reported by the agent), and which datadir it ran on.</summary>
/// <param name="DatadirIdentity">The datadir's identity right after the run: the position is evidence only while the datadir still has it.</param>
/// <param name="Disagreement">grastate.dat claimed a position InnoDB does not hold (the agent's words), else null.</param>
public sealed record RecoveredPosition(string Uuid, long Seqno, string? Error, bool PreparedTransactions, string DatadirIdentity = "", DateTimeOffset RecoveredAt = default, string? Disagreement = null)
{
    /// <summary>Identifies this piece of evidence of its node (the datadir and when it was derived).</summary>
    public string Token => $"{DatadirIdentity}@{RecoveredAt.ToUnixTimeMilliseconds()}";
}
