using KeyBuzz.Agent.Io;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling;

/// <summary>Whether mariadbd runs, from the pid file and /proc: answers even when SQL does not.</summary>
internal sealed class ProcessSampler(IProcessProbe probe) : IGaleraSampler
{
    public string Name => "process";

    public Task<GaleraReading> SampleAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new GaleraReading { MariadbRunning = probe.IsMariadbRunning() });
}
