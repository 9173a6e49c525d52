using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Ingest;

/// <summary>Readings of one agent stream, completed once durably stored.</summary>
internal sealed class IngestRequest(string cluster, string node, AgentInfo agent, IReadOnlyList<NodeReading> readings, DateTimeOffset receivedAt, IReadOnlyList<History.EncodedStatus>? encoded = null)
{
    /// <summary>The readings' status values already parsed by the stream's thread (same order), or null.</summary>
    public IReadOnlyList<History.EncodedStatus>? Encoded { get; } = encoded;

    public string Cluster { get; } = cluster;

    public string Node { get; } = node;

    public AgentInfo Agent { get; } = agent;

    public IReadOnlyList<NodeReading> Readings { get; } = readings;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    /// <summary>The agent's clock when it sent the batch (null: an older agent): dates the readings on the collector's clock.</summary>
    public DateTimeOffset? SentAt { get; init; }

    public TaskCompletionSource Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
