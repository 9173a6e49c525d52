using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Core.Tests.View;

public sealed class ClusterAssessorTests
{
    private static IReadOnlyList<string> Assess(params (string Node, NodeReading Reading)[] nodes)
    {
        var view = ClusterView.Empty("kblab");
        foreach (var (node, reading) in nodes)
        {
            view = ClusterViewReducer.Apply(view, node, Readings.Agent, reading, Readings.T0);
        }

        var assessments = view.Nodes.ToDictionary(n => n.Key, n => NodeAssessor.Assess(n.Value, Readings.T0, 3), StringComparer.Ordinal);
        return ClusterAssessor.Assess(view, assessments);
    }

    [Fact]
    public void Healthy_cluster_has_no_problem() =>
        Assert.Empty(Assess(("node1", Readings.Synced(1, 0)), ("node2", Readings.Synced(1, 0)), ("node3", Readings.Synced(1, 0))));

    [Fact]
    public void No_primary_anywhere_is_reported()
    {
        var nonPrimary = new Dictionary<string, string> { ["wsrep_cluster_status"] = "non-Primary" };

        var problems = Assess(("node1", Readings.Node(1, 0, nonPrimary)), ("node2", Readings.Down(1, 0)));

        Assert.Contains(problems, p => p.StartsWith("no node reports a Primary component", StringComparison.Ordinal));
    }

    [Fact]
    public void Primary_nodes_with_different_state_uuids_are_a_split_view()
    {
        var problems = Assess(("node1", Readings.Synced(1, 0, stateUuid: "uuid-a")), ("node2", Readings.Synced(1, 0, stateUuid: "uuid-b")));

        Assert.Contains(problems, p => p.StartsWith("split view", StringComparison.Ordinal));
    }

    [Fact]
    public void Primary_nodes_with_different_conf_ids_are_reported()
    {
        var problems = Assess(("node1", Readings.Synced(1, 0, confId: 3)), ("node2", Readings.Synced(1, 0, confId: 4)));

        Assert.Contains(problems, p => p.Contains("disagree on conf_id", StringComparison.Ordinal));
    }

    [Fact]
    public void Shrunken_cluster_is_reported()
    {
        var problems = Assess(("node1", Readings.Synced(1, 0, size: 2)), ("node2", Readings.Synced(1, 0, size: 2)), ("node3", Readings.Down(1, 0)));

        Assert.Contains("cluster size 2 but 3 nodes known", problems);
    }
}
