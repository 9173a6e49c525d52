using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Coordination;

internal static class CoordinatorMapping
{
    public static CoordinatorStatus ToStatus(CoordinatorState state)
    {
        var status = new CoordinatorStatus
        {
            Mode = state.Mode,
            Replica = state.Replica,
            Leader = state.Leader,
            LeaderName = state.LeaderName,
            LeaderUrl = state.LeaderUrl,
            LeaderSinceUnixMs = state.LeaderSince?.ToUnixTimeMilliseconds() ?? 0,
            FencingToken = state.FencingToken,
            ElectionsWon = state.ElectionsWon,
            Problem = state.Problem,
        };
        status.Replicas.AddRange(state.Replicas);
        return status;
    }
}
