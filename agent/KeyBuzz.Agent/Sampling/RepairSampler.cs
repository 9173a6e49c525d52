using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Repair;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling;

/// <summary>
/// Reports what self-repair knows: the repair status, the SST marker, the datadir's identity as it
/// is now, and the last position evidence with the identity it was derived from (the collector
/// believes it only while the two are equal).
/// </summary>
internal sealed class RepairSampler(RepairState state, LocalObserver observer, IDatadirProbe datadir) : IGaleraSampler
{
    public string Name => "repair";

    public Task<GaleraReading> SampleAsync(CancellationToken cancellationToken)
    {
        var fragment = new GaleraReading { Repair = state.Status(), SstInProgress = observer.SstMarkerPresent(), DatadirIdentity = datadir.Identity().Token };
        if (state.Evidence() is { } evidence)
        {
            fragment.Recovered = new RecoveredPosition
            {
                Uuid = evidence.Uuid,
                Seqno = evidence.Seqno,
                RecoveredAtUnixMs = evidence.RecoveredAt.ToUnixTimeMilliseconds(),
                Error = evidence.Error ?? string.Empty,
                PreparedTransactions = evidence.PreparedTransactions,
                DatadirIdentity = evidence.Datadir.Token,
                Disagreement = evidence.Disagreement ?? string.Empty,
            };
        }

        return Task.FromResult(fragment);
    }
}
