using KeyBuzz.Collector.Coordination;
using Prometheus;

namespace KeyBuzz.Collector.Metrics;

/// <summary>keybuzz_collector_leader and the elections this replica won, read from the role before each scrape.</summary>
internal sealed class CoordinatorMetricsExporter
{
    public CoordinatorMetricsExporter(CollectorMetrics metrics, ICoordinatorRole role)
    {
        var leader = metrics.Factory.CreateGauge("keybuzz_collector_leader", "1 while this collector coordinates recovery (always 1 in single-collector mode).", ["replica", "mode"]);
        var won = metrics.Factory.CreateCounter("keybuzz_collector_elections_won_total", "Leader elections this replica won since it started (HA mode).", ["replica"]);
        var etcdProblem = metrics.Factory.CreateGauge("keybuzz_collector_coordination_problem", "1 while this replica cannot coordinate because etcd does not answer (HA mode).", ["replica"]);
        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            var state = role.Describe();
            leader.WithLabels(state.Replica, state.Mode).Set(state.Leader ? 1 : 0);
            won.WithLabels(state.Replica).IncTo(state.ElectionsWon);
            etcdProblem.WithLabels(state.Replica).Set(state.Problem.Length > 0 ? 1 : 0);
        });
    }
}
