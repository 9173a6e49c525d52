using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Recovery;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Recovery;

internal static class RoundFactsBuilder
{
    public static RoundFacts Build(ClusterView view, ClusterEvidence evidence, DateTimeOffset now, DateTimeOffset? noPrimarySince)
    {
        var nodes = evidence.Nodes;
        var reporting = nodes.Where(n => n.Reporting).ToList();
        var synced = reporting
            .Where(n => n.IsPrimary && view.Nodes.TryGetValue(n.Node, out var s) && s.Latest.Text(WsrepStatus.LocalStateComment) == WsrepStatus.Synced)
            .Select(n => n.Node);
        return new RoundFacts(
            view.Name,
            now,
            noPrimarySince,
            synced.ToHashSet(StringComparer.Ordinal),
            reporting.Where(n => n.MariadbRunning).Select(n => n.Node).ToHashSet(StringComparer.Ordinal),
            reporting.Where(n => !n.MariadbRunning && !n.Maintenance).Select(n => n.Node).ToHashSet(StringComparer.Ordinal),
            reporting.Where(n => !n.Maintenance).Select(n => n.Node).ToHashSet(StringComparer.Ordinal));
    }
}
