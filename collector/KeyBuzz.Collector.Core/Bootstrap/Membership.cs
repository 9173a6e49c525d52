namespace KeyBuzz.Collector.Core.Bootstrap;

/// <summary>
/// What history proves about the last Primary Component. A node last seen Primary in an older
/// configuration (lower conf_id of the same history) than another node left the component while
/// that node stayed: everything it committed, the other has too, so it cannot be ahead.
/// </summary>
internal sealed class Membership
{
    private readonly long? _lastConfId;
    private readonly string? _lastStateUuid;

    private Membership(long? lastConfId, string? lastStateUuid)
    {
        _lastConfId = lastConfId;
        _lastStateUuid = lastStateUuid;
    }

    public static Membership Of(IReadOnlyList<NodeEvidence> nodes)
    {
        var latest = nodes.Where(n => n.LastPrimaryConfId is not null && n.LastPrimaryStateUuid is not null)
            .OrderByDescending(n => n.LastPrimaryConfId)
            .FirstOrDefault();
        return new Membership(latest?.LastPrimaryConfId, latest?.LastPrimaryStateUuid);
    }

    public bool ProvablyBehind(NodeEvidence node) =>
        _lastConfId is { } last &&
        node.LastPrimaryConfId is { } mine &&
        node.LastPrimaryStateUuid == _lastStateUuid &&
        mine < last;
}
