using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling.ProxySql;

/// <summary>One admin table of a ProxySQL reading; run concurrently with the others, each with its own timeout.</summary>
internal interface IProxySqlSampler
{
    string Name { get; }

    Task<AdminTable> SampleAsync(CancellationToken cancellationToken);
}
