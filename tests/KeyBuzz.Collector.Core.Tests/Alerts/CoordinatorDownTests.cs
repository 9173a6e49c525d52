using KeyBuzz.Collector.Core.Alerts;

namespace KeyBuzz.Collector.Core.Tests.Alerts;

public sealed class CoordinatorDownTests
{
    public static TheoryData<string, string, bool, string, bool> Cases => new()
    {
        { "single collector: no etcd to lose", "single", true, string.Empty, false },
        { "HA follower with etcd answering", "etcd", false, string.Empty, false },
        { "HA leader", "etcd", true, string.Empty, false },
        { "HA replica cut off from etcd", "etcd", false, "etcd: Unavailable: connection refused", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fires_only_for_a_replica_that_cannot_reach_etcd(string name, string mode, bool leader, string problem, bool fires)
    {
        var condition = CoordinatorDown.Evaluate(mode, "c2", leader, problem);
        Assert.True(fires == condition is not null, name);
        if (condition is not null)
        {
            Assert.Equal(("KeyBuzzCoordinatorDown", "c2", AlertSeverity.Critical), (condition.Name, condition.Node, condition.Severity));
            Assert.StartsWith(problem, condition.Description, StringComparison.Ordinal);
        }
    }
}
