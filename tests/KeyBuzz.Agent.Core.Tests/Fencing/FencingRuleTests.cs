using KeyBuzz.Agent.Core.Fencing;

namespace KeyBuzz.Agent.Core.Tests.Fencing;

public sealed class FencingRuleTests
{
    public static TheoryData<string, long, long, string?> Cases => new()
    {
        { "single collector, never HA", 0, 0, null },
        { "the current leader", 42, 42, null },
        { "a newer leader", 42, 57, null },
        { "a deposed leader", 57, 42, "fencing token 42 is below 57, the highest this agent has seen: the sender is no longer the leader" },
        { "a single collector after HA", 57, 0, "command without a fencing token from a single collector, but this agent has seen HA leader token 57" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_the_newest_leader_may_act(string name, long highest, long token, string? refusal)
    {
        var answer = FencingRule.Refusal(highest, token, "/var/lib/keybuzz/agent/fencing-token");
        if (refusal is null)
        {
            Assert.True(answer is null, $"{name}: {answer}");
        }
        else
        {
            Assert.True(answer is not null && answer.StartsWith(refusal, StringComparison.Ordinal), $"{name}: {answer}");
        }
    }
}
