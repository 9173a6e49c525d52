using KeyBuzz.Collector.Core.Recovery;
using static KeyBuzz.Collector.Core.Tests.Bootstrap.Evidence;

namespace KeyBuzz.Collector.Core.Tests.Recovery;

public sealed class OutageRuleTests
{
    public static TheoryData<string, Core.Bootstrap.ClusterEvidence, bool> Cases() => new()
    {
        { "every node reports mariadbd stopped", Cluster(Down("node1", 10), Down("node2", 12), Down("node3", 11)), true },
        { "one silent node proves nothing", Cluster(Down("node1", 10), Down("node2", 12), Silent("node3")), false },
        { "one node running outside a Primary Component", Cluster(Down("node1", 10), Down("node2", 12), Waiting("node3")), false },
        { "a node in maintenance is left out", Cluster(Down("node1", 10), Down("node2", 12), Silent("node3") with { Maintenance = true }), true },
        { "no node at all", Cluster(), false },
        { "every node in maintenance", Cluster(Silent("node1") with { Maintenance = true }), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Proven(string name, Core.Bootstrap.ClusterEvidence evidence, bool proven)
    {
        Assert.True(OutageRule.Proven(evidence) == proven, name);
    }
}
