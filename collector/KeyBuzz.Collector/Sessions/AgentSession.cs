using System.Threading.Channels;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Sessions;

/// <summary>One connected agent: everything sent to it goes through this queue and one writer.</summary>
internal sealed class AgentSession(string cluster, string node)
{
    private readonly Channel<CollectorMessage> _outbound = Channel.CreateUnbounded<CollectorMessage>(new UnboundedChannelOptions { SingleReader = true });

    public string Cluster { get; } = cluster;

    public string Node { get; } = node;

    public ChannelReader<CollectorMessage> Outbound => _outbound.Reader;

    public bool Send(CollectorMessage message) => _outbound.Writer.TryWrite(message);

    public void Close() => _outbound.Writer.TryComplete();
}
