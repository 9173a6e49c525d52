namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>A Galera position: cluster state UUID and seqno.</summary>
public sealed record Position(string Uuid, long Seqno)
{
    public const string ZeroUuid = "00000000-0000-0000-0000-000000000000";

    public override string ToString() => $"{Uuid}:{Seqno}";
}
