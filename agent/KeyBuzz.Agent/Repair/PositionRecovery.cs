using KeyBuzz.Agent.Core.Evidence;
using KeyBuzz.Agent.Io;

namespace KeyBuzz.Agent.Repair;

/// <summary>
/// Derives this node's position from its stopped datadir (--wsrep-recover), binds it to the datadir
/// as it is right after the run, checks grastate.dat against it, and records it for reporting and
/// for the guards. The caller holds the node action lock.
/// </summary>
internal sealed class PositionRecovery(WsrepRecoverRunner runner, IDatadirProbe datadir, LocalObserver observer, RepairState state, TimeProvider time)
{
    public async Task<PositionEvidence> RecoverAsync(CancellationToken cancellationToken)
    {
        var before = datadir.Identity();
        if (!before.HasInnoDb)
        {
            // mariadbd would create a new system tablespace here: never run it on a datadir without one.
            return Record(PositionEvidence.NoInnoDb(time.GetUtcNow(), before));
        }

        var output = await runner.RunAsync(cancellationToken);
        var after = datadir.Identity();
        var local = await observer.ObserveAsync(cancellationToken);
        var uuid = output.Uuid ?? string.Empty;
        var evidence = new PositionEvidence(uuid, output.Seqno, output.PreparedTransactions, output.Error, null, time.GetUtcNow(), after);
        if (output.Ok)
        {
            evidence = evidence with { Disagreement = EvidenceRules.Disagreement(local.Grastate, uuid, output.Seqno, evidence.Empty) };
        }

        return Record(evidence);
    }

    private PositionEvidence Record(PositionEvidence evidence)
    {
        state.SetEvidence(evidence);
        return evidence;
    }
}
