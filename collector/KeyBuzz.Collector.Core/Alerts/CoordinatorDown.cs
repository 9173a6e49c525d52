namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>
/// KeyBuzzCoordinatorDown: in HA mode, a replica that cannot reach etcd cannot know who leads, so
/// nothing is coordinated through it. Raised per replica (node label = the replica's name), and
/// pushed by that replica itself: while etcd is down nobody leads to push for it.
/// </summary>
public static class CoordinatorDown
{
    public const string Name = "KeyBuzzCoordinatorDown";

    public static readonly TimeSpan For = TimeSpan.FromSeconds(10);

    public static AlertCondition? Evaluate(string mode, string replica, bool leader, string problem) =>
        mode != "etcd" || leader || problem.Length == 0
            ? null
            : new AlertCondition(
                Name,
                string.Empty,
                replica,
                AlertSeverity.Critical,
                For,
                $"collector replica {replica} cannot reach etcd: no automatic recovery through it",
                $"{problem}. While no replica holds the etcd leader lease nothing is coordinated: no recovery round, no bootstrap grant, no command to an agent. Reads (status, history, alerts) keep working. Check the etcd members (etcdctl endpoint health) and the network between this collector and etcd.");
}
