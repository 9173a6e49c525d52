using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling;

/// <summary>
/// One source of a Galera reading. Each sampler returns its own fragment, merged by the loop,
/// so samplers can run concurrently and one failing or slow sampler never sinks the cycle.
/// </summary>
internal interface IGaleraSampler
{
    string Name { get; }

    Task<GaleraReading> SampleAsync(CancellationToken cancellationToken);
}
