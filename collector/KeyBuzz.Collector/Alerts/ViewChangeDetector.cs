using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;
using KeyBuzz.Collector.Events;

namespace KeyBuzz.Collector.Alerts;

/// <summary>Turns a change of the Primary component's conf_id into an info event ("node3 left: size 3 → 2").</summary>
internal sealed class ViewChangeDetector
{
    private readonly Dictionary<string, (long ConfId, long Size, string Members)> _last = new(StringComparer.Ordinal);

    public StoredEvent? Observe(ClusterView view, DateTimeOffset now)
    {
        var primary = view.Nodes.Values
            .Where(n => n.Latest.SqlReachable && n.Latest.Text(WsrepStatus.ClusterStatus) == WsrepStatus.Primary && n.Latest.Long(WsrepStatus.ClusterConfId) is not null)
            .ToList();
        if (primary.Count == 0)
        {
            return null;
        }

        var newest = primary.MaxBy(n => n.Latest.Long(WsrepStatus.ClusterConfId))!;
        var confId = newest.Latest.Long(WsrepStatus.ClusterConfId)!.Value;
        var size = newest.Latest.Long(WsrepStatus.ClusterSize) ?? 0;
        var members = string.Join(",", primary.Where(n => n.Latest.Long(WsrepStatus.ClusterConfId) == confId).Select(n => n.Node));
        var known = _last.TryGetValue(view.Name, out var last);
        if (known && last.ConfId == confId)
        {
            return null;
        }

        _last[view.Name] = (confId, size, members);
        if (!known)
        {
            return null; // first sight after a collector start is not a change
        }

        var summary = $"view change: conf_id {last.ConfId} → {confId}, size {last.Size} → {size}";
        return new StoredEvent(now, "view", view.Name, string.Empty, "GaleraViewChange", "info", "info", summary, $"Primary component members now reporting the new view: {members}.");
    }
}
