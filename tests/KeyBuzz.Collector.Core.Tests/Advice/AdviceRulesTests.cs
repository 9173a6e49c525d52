using KeyBuzz.Collector.Core.Advice;
using KeyBuzz.Collector.Core.View;
using static KeyBuzz.Collector.Core.Tests.Readings;

namespace KeyBuzz.Collector.Core.Tests.Advice;

public sealed class AdviceRulesTests
{
    private static ClusterView View(double node3LastSeenSecondsAgo)
    {
        var now = T0.AddSeconds(10);
        var view = ClusterView.Empty("kblab");
        view = ClusterViewReducer.Apply(view, "node1", Agent, Down(1, 9.5), now.AddSeconds(-0.5));
        return ClusterViewReducer.Apply(view, "node3", Agent, Synced(1, 10 - node3LastSeenSecondsAgo, size: 1), now.AddSeconds(-node3LastSeenSecondsAgo));
    }

    private static NodeAdvice For(double node3LastSeenSecondsAgo)
    {
        var view = View(node3LastSeenSecondsAgo);
        var assessments = view.Nodes.ToDictionary(n => n.Key, n => NodeAssessor.Assess(n.Value, T0.AddSeconds(10), 3), StringComparer.Ordinal);
        return AdviceRules.For(view, "node1", assessments, false, 0);
    }

    [Fact]
    public void A_peer_reading_Primary_a_moment_ago_is_a_Primary_elsewhere()
    {
        var advice = For(0.8);

        Assert.True(advice.PrimaryElsewhere);
        Assert.Equal(["node3"], advice.PrimaryNodes);
        Assert.True(advice.SelfEvicted);
    }

    [Fact]
    public void A_peer_silent_for_a_few_seconds_is_no_proof_of_a_Primary_even_while_still_reporting()
    {
        // Killed together with its agent: its last reading said Primary; rejoining it would mean starting into nothing.
        var advice = For(2.5);

        Assert.False(advice.PrimaryElsewhere);
        Assert.Empty(advice.PrimaryNodes);
    }
}
