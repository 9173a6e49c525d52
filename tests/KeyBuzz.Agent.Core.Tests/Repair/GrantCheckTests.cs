using KeyBuzz.Agent.Core.Repair;

namespace KeyBuzz.Agent.Core.Tests.Repair;

public sealed class GrantCheckTests
{
    private const string U = "74b40c19-e905-11f1-a459-5e998b5f3507";
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly AdviceView NobodyPrimary = new(false, string.Empty, [], false, false, 7);

    private static GrantInputs Valid() =>
        new("node2", "node2", false, T0.AddSeconds(1), T0, T0, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), false, NobodyPrimary, [], new LocalPosition(U, 42), U, 42, false);

    public static TheoryData<string, GrantInputs, string?> Cases => new()
    {
        { "valid grant", Valid(), null },
        { "another node's grant", Valid() with { GrantNode = "node1" }, "grant is for node1" },
        { "second use", Valid() with { AlreadyUsed = true }, "single-use" },
        { "expired by local clock", Valid() with { Now = T0.AddSeconds(31) }, "expired" },
        { "expired by collector clock (late delivery)", Valid() with { ReceivedAt = T0.AddSeconds(30), Now = T0.AddSeconds(33) }, "expired" },
        { "mariadbd already running", Valid() with { MariadbRunning = true }, "is running" },
        { "no fresh advice", Valid() with { Advice = null }, "no fresh view" },
        { "maintenance", Valid() with { Advice = NobodyPrimary with { Maintenance = true } }, "maintenance" },
        { "collector now sees a Primary", Valid() with { Advice = NobodyPrimary with { PrimaryElsewhere = true, PrimaryNodes = ["node3"] } }, "node3 reported Primary" },
        { "a peer answered Primary directly", Valid() with { PeersPrimary = ["127.0.0.13:3306"] }, "answered Primary" },
        { "position unknown", Valid() with { Position = null }, "position is unknown" },
        { "position moved", Valid() with { Position = new LocalPosition(U, 41) }, "position changed" },
        { "forced grant accepts another position", Valid() with { Position = new LocalPosition(U, 41), Forced = true }, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Refuses_any_grant_that_is_not_provably_safe_now(string name, GrantInputs input, string? expected)
    {
        var refusal = GrantCheck.Refusal(input);

        if (expected is null)
        {
            Assert.True(refusal is null, $"{name}: {refusal}");
        }
        else
        {
            Assert.True(refusal?.Contains(expected, StringComparison.Ordinal) == true, $"{name}: {refusal}");
        }
    }
}
