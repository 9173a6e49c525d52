using System.Threading.Channels;

namespace KeyBuzz.Collector.Ingest;

/// <summary>Hand-off from the agent streams to the single history writer.</summary>
internal sealed class IngestQueue
{
    // Bounded: when the disk cannot keep up, streams wait (and agents buffer) instead of the collector growing.
    private readonly Channel<IngestRequest> _channel = Channel.CreateBounded<IngestRequest>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<IngestRequest> Reader => _channel.Reader;

    /// <summary>Completes when the readings are durably stored and applied to the live view.</summary>
    public async Task SubmitAsync(IngestRequest request, CancellationToken cancellationToken)
    {
        await _channel.Writer.WriteAsync(request, cancellationToken);
        await request.Stored.Task.WaitAsync(cancellationToken);
    }
}
