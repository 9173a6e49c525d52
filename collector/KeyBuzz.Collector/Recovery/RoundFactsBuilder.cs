using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Recovery;
using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Recovery;

internal static class RoundFactsBuilder
{
    public static RoundFacts Build(ClusterView view, ClusterEvidence evidence, DateTimeOffset now, DateTimeOffset? noPrimarySince)
    {
        var reporting = evidence.Nodes.Where(n => n.Reporting).ToList();
        var synced = reporting
            .Where(n => n.IsPrimary && view.Nodes.TryGetValue(n.Node, out var s) && s.Latest.Text(WsrepStatus.LocalStateComment) == WsrepStatus.Synced)
            .Select(n => n.Node);
        // A node that served a forked history never joins automatically: its data diverged (IST would mix two histories).
        var joinable = reporting.Where(n => !n.Maintenance && n.History != NodeHistory.ServedFork).ToList();
        return new RoundFacts(
            view.Name,
            now,
            noPrimarySince,
            synced.ToHashSet(StringComparer.Ordinal),
            reporting.Where(n => n.MariadbRunning).Select(n => n.Node).ToHashSet(StringComparer.Ordinal),
            joinable.Where(n => !n.MariadbRunning).Select(n => n.Node).ToHashSet(StringComparer.Ordinal),
            joinable.Select(n => n.Node).ToHashSet(StringComparer.Ordinal),
            reporting.Where(n => !n.MariadbRunning).Select(n => n.Node).ToHashSet(StringComparer.Ordinal),
            evidence.Stopped,
            OutageRule.Proven(evidence));
    }
}
