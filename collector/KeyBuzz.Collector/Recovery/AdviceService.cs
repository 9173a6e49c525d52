using KeyBuzz.Collector.Core.Advice;
using KeyBuzz.Collector.Core.View;
using KeyBuzz.Collector.Ingest;
using KeyBuzz.Collector.Options;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.Recovery;

/// <summary>Builds the advice sent to an agent with every ack.</summary>
internal sealed class AdviceService(ClusterViewStore views, MaintenanceStore maintenance, RecoveryCoordinator coordinator, ComponentStore components, IOptions<CollectorOptions> options, TimeProvider time)
{
    public ClusterAdvice For(string cluster, string node)
    {
        var now = time.GetUtcNow();
        var ledger = components.For(cluster);
        var result = new ClusterAdvice
        {
            IssuedAtUnixMs = now.ToUnixTimeMilliseconds(),
            Maintenance = maintenance.IsOn(cluster, node),
            ActiveRound = coordinator.ActiveRound(cluster),
            AutomaticActionsStopped = ledger.ActiveFork?.Headline
                ?? (ledger.ServedFork(node) ? "this node served a forked history: its data diverged from the cluster's; it rejoins only after a human discards its data with an SST (move grastate.dat aside)" : string.Empty),
        };
        if (!views.Snapshot().TryGetValue(cluster, out var view))
        {
            return result;
        }

        var assessments = view.Nodes.ToDictionary(n => n.Key, n => NodeAssessor.Assess(n.Value, now, options.Value.NotReportingAfterMissedIntervals), StringComparer.Ordinal);
        var advice = AdviceRules.For(view, node, assessments, result.Maintenance, result.ActiveRound);
        result.PrimaryElsewhere = advice.PrimaryElsewhere;
        result.PrimaryStateUuid = advice.PrimaryStateUuid;
        result.PrimaryNodes.AddRange(advice.PrimaryNodes);
        result.SelfEvicted = advice.SelfEvicted;
        return result;
    }
}
