using KeyBuzz.Collector.Core.Tuning;

namespace KeyBuzz.Collector.Core.Tests.Tuning;

public sealed class DisruptionGateTests
{
    private static NodeHealth Synced(string node) => new(node, true, false, true, "Primary", "Synced", 3, Readings.T0);

    private static readonly Dictionary<string, (NodeHealth[] Nodes, int Expected, bool Recovery, string[] Critical)> Inputs = new()
    {
        ["healthy"] = ([Synced("node1"), Synced("node2"), Synced("node3")], 3, false, []),
        ["recovery round"] = ([Synced("node1"), Synced("node2"), Synced("node3")], 3, true, []),
        ["single node cluster"] = ([Synced("node1") with { ClusterSize = 1 }], 1, false, []),
        ["a node never reported"] = ([Synced("node1"), Synced("node2")], 3, false, []),
        ["node in maintenance"] = ([Synced("node1"), Synced("node2") with { Maintenance = true }, Synced("node3")], 3, false, []),
        ["node donor"] = ([Synced("node1"), Synced("node2") with { LocalState = "Donor/Desynced" }, Synced("node3")], 3, false, []),
        ["node down"] = ([Synced("node1"), Synced("node2") with { MariadbRunning = false }, Synced("node3")], 3, false, []),
        ["node silent"] = ([Synced("node1"), Synced("node2") with { Reporting = false }, Synced("node3")], 3, false, []),
        ["cluster shrunk"] = ([Synced("node1") with { ClusterSize = 2 }, Synced("node2"), Synced("node3")], 3, false, []),
        ["critical alert"] = ([Synced("node1"), Synced("node2"), Synced("node3")], 3, false, ["GaleraSplitView"]),
    };

    public static TheoryData<string, string?> Cases => new()
    {
        { "healthy", null },
        { "recovery round", "recovery round is in progress" },
        { "single node cluster", "would leave no Primary" },
        { "a node never reported", "only 2 of 3" },
        { "node in maintenance", "node2 in maintenance" },
        { "node donor", "node2 Primary/Donor/Desynced" },
        { "node down", "node2 mariadbd down" },
        { "node silent", "node2 not reporting" },
        { "cluster shrunk", "node1 sees 2" },
        { "critical alert", "GaleraSplitView" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_node_is_taken_away_only_from_a_complete_healthy_cluster(string name, string? expected)
    {
        var (nodes, size, recovery, critical) = Inputs[name];
        var refusal = DisruptionGate.Refusal(nodes, size, recovery, critical);
        if (expected is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Contains(expected, refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_crash_drill_needs_three_nodes_so_the_survivors_keep_a_majority()
    {
        NodeHealth[] two = [Synced("node1") with { ClusterSize = 2 }, Synced("node2") with { ClusterSize = 2 }];
        Assert.Null(DisruptionGate.Refusal(two, 2, false, []));
        Assert.Contains("without a majority", DisruptionGate.Refusal(two, 2, false, [], crash: true), StringComparison.Ordinal);
        Assert.Null(DisruptionGate.Refusal([Synced("node1"), Synced("node2"), Synced("node3")], 3, false, [], crash: true));
    }
}
