using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling;

/// <summary>Every wsrep_% global status variable.</summary>
internal sealed class WsrepStatusSampler(MariaDbConnector connector) : IGaleraSampler
{
    public string Name => "wsrep_status";

    public async Task<GaleraReading> SampleAsync(CancellationToken cancellationToken)
    {
        var rows = await connector.QueryPairsAsync("SHOW GLOBAL STATUS LIKE 'wsrep\\_%'", cancellationToken);
        var fragment = new GaleraReading { SqlReachable = true };
        foreach (var (name, value) in rows)
        {
            fragment.Status[name] = value;
        }

        return fragment;
    }
}
