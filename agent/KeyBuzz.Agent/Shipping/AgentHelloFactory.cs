using KeyBuzz.Agent.Diagnostics;
using KeyBuzz.Agent.Options;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Shipping;

/// <summary>Who this agent is; the instance id changes at every start because sequence numbers restart at 1.</summary>
internal sealed class AgentHelloFactory(IOptions<AgentOptions> options)
{
    private readonly string _instanceId = Guid.NewGuid().ToString("N")[..12];

    public AgentHello Create()
    {
        var o = options.Value;
        return new AgentHello
        {
            NodeName = o.NodeName,
            ClusterName = o.ClusterName,
            Role = o.Role,
            AgentVersion = AgentVersion.Current,
            InstanceId = _instanceId,
            IntervalMs = (uint)o.IntervalMs,
            HostName = Environment.MachineName,
        };
    }
}
