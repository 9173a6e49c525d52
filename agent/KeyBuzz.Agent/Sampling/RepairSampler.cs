using KeyBuzz.Agent.Repair;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling;

/// <summary>Reports what self-repair knows: the recovered position and the repair status, plus the SST marker.</summary>
internal sealed class RepairSampler(RepairState state, LocalObserver observer) : IGaleraSampler
{
    public string Name => "repair";

    public Task<GaleraReading> SampleAsync(CancellationToken cancellationToken)
    {
        var fragment = new GaleraReading { Repair = state.Status(), SstInProgress = observer.SstMarkerPresent() };
        if (state.Recovered().Report is { } recovered)
        {
            fragment.Recovered = recovered;
        }

        return Task.FromResult(fragment);
    }
}
