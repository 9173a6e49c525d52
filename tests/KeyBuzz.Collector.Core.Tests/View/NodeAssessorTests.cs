using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Core.Tests.View;

public sealed class NodeAssessorTests
{
    private static NodeState State(NodeReading reading, double lastSeenSecondsAfterT0, double? paused = null) =>
        new("kblab", "node1", Readings.Agent, reading, Readings.T0.AddSeconds(lastSeenSecondsAfterT0), paused);

    public static TheoryData<string, NodeState, double, bool, string?> Cases => new()
    {
        { "healthy synced node", State(Readings.Synced(1, 0), 0), 0.5, true, null },
        { "three missed intervals is still reporting", State(Readings.Synced(1, 0), 0), 3.0, true, null },
        { "beyond three missed intervals is not reporting", State(Readings.Synced(1, 0), 0), 3.5, false, "not reporting for 4s" },
        { "crashed mariadbd", State(Readings.Down(2, 1), 1), 1.2, true, "mariadbd down" },
        { "process up, SQL down", State(Readings.Node(2, 1, new Dictionary<string, string>(), running: true, sql: false), 1), 1.1, true, "not answering SQL" },
        { "non-Primary", State(Readings.Node(2, 1, new Dictionary<string, string> { ["wsrep_cluster_status"] = "non-Primary", ["wsrep_local_state_comment"] = "Initialized" }), 1), 1.1, true, "non-Primary component" },
        { "donor", State(Readings.Node(2, 1, new Dictionary<string, string> { ["wsrep_cluster_status"] = "Primary", ["wsrep_local_state_comment"] = "Donor/Desynced" }), 1), 1.1, true, "state Donor/Desynced" },
        { "flow control", State(Readings.Synced(2, 1), 1, paused: 35), 1.1, true, "flow control paused 35%" },
        { "receive queue", State(Readings.Node(2, 1, new Dictionary<string, string> { ["wsrep_cluster_status"] = "Primary", ["wsrep_local_state_comment"] = "Synced", ["wsrep_local_recv_queue"] = "250" }), 1), 1.1, true, "receive queue 250" },
        { "agent dropped readings", State(Readings.Node(2, 1, new Dictionary<string, string>(), running: false, sql: false, dropped: 42), 1), 1.1, true, "dropped 42 readings" },
        { "torn grastate", State(Readings.Node(2, 1, new Dictionary<string, string>(), running: false, sql: false, grastate: new GrastateSnapshot(true, "", 0, false, "grastate.dat is empty")), 1), 1.1, true, "grastate.dat unreadable" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Problems_are_named_for_operators(string name, NodeState state, double nowSecondsAfterT0, bool reporting, string? problem)
    {
        var assessment = NodeAssessor.Assess(state, Readings.T0.AddSeconds(nowSecondsAfterT0), missedIntervals: 3);

        Assert.True(reporting == assessment.Reporting, name);
        if (problem is null)
        {
            Assert.Empty(assessment.Problems);
        }
        else
        {
            Assert.Contains(assessment.Problems, p => p.Contains(problem, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Connection_errors_of_a_down_node_are_not_repeated_as_problems()
    {
        var assessment = NodeAssessor.Assess(State(Readings.Down(2, 1), 1), Readings.T0.AddSeconds(1), 3);

        Assert.Equal(["mariadbd down"], assessment.Problems);
    }
}
