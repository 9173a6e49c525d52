using KeyBuzz.Agent.Core.Evidence;
using KeyBuzz.Agent.Core.OnDisk;
using static KeyBuzz.Agent.Core.Tests.Evidence.Datadirs;

namespace KeyBuzz.Agent.Core.Tests.Evidence;

public sealed class EvidenceRulesTests
{
    private const string Other = "11111111-2222-3333-4444-555555555555";

    public static TheoryData<string, GrastateFile?, string, long, bool, string?> Cases => new()
    {
        { "clean stop: grastate.dat and InnoDB agree", new("2.1", U, 114, true), U, 114, false, null },
        { "crash: seqno -1 claims nothing", new("2.1", U, -1, false), U, 114, false, null },
        { "no grastate.dat", null, U, 114, false, null },
        { "unsafe window: zero UUID claims nothing", new("2.1", GrastateFile.ZeroUuid, -1, false), U, 114, false, null },
        { "grastate.dat copied from a cleanly stopped node onto an empty datadir: empty is empty (set aside before its SST)", new("2.1", U, 114, false), GrastateFile.ZeroUuid, -1, true, null },
        { "grastate.dat copied from a crashed node onto an empty datadir: seqno -1 claims nothing", new("2.1", U, -1, false), GrastateFile.ZeroUuid, -1, true, null },
        { "grastate.dat ahead of InnoDB (restored datadir)", new("2.1", U, 114, false), U, 90, false, "grastate.dat says" },
        { "grastate.dat behind InnoDB", new("2.1", U, 90, false), U, 114, false, "do not belong together" },
        { "grastate.dat of another history with a position", new("2.1", Other, 114, false), U, 114, false, "grastate.dat says" },
        { "grastate.dat of another history without a position", new("2.1", Other, -1, false), U, 114, false, "names cluster history" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Grastate_is_believed_only_where_InnoDB_confirms_it(string name, GrastateFile? grastate, string uuid, long seqno, bool empty, string? expected)
    {
        var disagreement = EvidenceRules.Disagreement(grastate, uuid, seqno, empty);

        if (expected is null)
        {
            Assert.True(disagreement is null, $"{name}: {disagreement}");
        }
        else
        {
            Assert.True(disagreement?.Contains(expected, StringComparison.Ordinal) == true, $"{name}: {disagreement}");
        }
    }

    [Fact]
    public void Empty_InnoDB_is_no_position_whatever_grastate_says()
    {
        var empty = Recovered(-1, GrastateFile.ZeroUuid);

        Assert.True(empty.Empty);
        Assert.Null(empty.Position);
        Assert.Contains("empty", empty.Describe(), StringComparison.Ordinal);
        Assert.Null(Recovered(error: "exit code 1").Position);
        Assert.Null(Recovered(prepared: true).Position);
        Assert.Equal(new KeyBuzz.Agent.Core.Repair.LocalPosition(U, 42), Recovered().Position);
    }
}
