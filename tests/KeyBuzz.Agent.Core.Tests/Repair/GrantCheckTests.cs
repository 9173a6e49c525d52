using KeyBuzz.Agent.Core.OnDisk;
using KeyBuzz.Agent.Core.Repair;
using static KeyBuzz.Agent.Core.Tests.Evidence.Datadirs;

namespace KeyBuzz.Agent.Core.Tests.Repair;

public sealed class GrantCheckTests
{
    private static readonly AdviceView NobodyPrimary = new(false, string.Empty, [], false, false, 7);

    private static GrantInputs Valid() =>
        new("node2", "node2", false, T0.AddSeconds(1), T0, T0, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2), false, NobodyPrimary, [], false);

    /// <summary>The datadir re-derived right before acting gives exactly the granted position.</summary>
    private static GrantEvidence Matching() => new(Recovered(42), null, U, 42, false);

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
        { "automatic actions stopped (forked history)", Valid() with { Advice = NobodyPrimary with { AutomaticActionsStopped = "FORKED HISTORY" } }, "automatic actions are stopped" },
        { "a forced grant goes through a stop", Valid() with { Forced = true, Advice = NobodyPrimary with { AutomaticActionsStopped = "FORKED HISTORY" } }, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Refuses_any_grant_that_is_not_provably_safe_now(string name, GrantInputs input, string? expected) =>
        AssertRefusal(name, GrantCheck.Refusal(input), expected);

    public static TheoryData<string, GrantEvidence, string?> EvidenceCases => new()
    {
        { "re-derived position is the granted one", Matching(), null },
        { "datadir changed since the position was reported (stale evidence)", Matching() with { DatadirChange = "ibdata1 was replaced (inode 1 → 2)" }, "the datadir changed" },
        { "datadir re-initialised: InnoDB empty, whatever grastate.dat says", Matching() with { Rederived = Recovered(-1, GrastateFile.ZeroUuid) }, "holds no committed position" },
        { "no InnoDB at all", Matching() with { Rederived = Recovered(-1, GrastateFile.ZeroUuid, datadir: Wiped()) }, "never a bootstrap source" },
        { "grastate.dat disagrees with InnoDB", Matching() with { Rederived = Recovered(disagreement: "grastate.dat says U:114 but InnoDB holds U:42") }, "grastate.dat says" },
        { "--wsrep-recover failed right before", Matching() with { Rederived = Recovered(error: "exit code 1: Aborting") }, "failed right before" },
        { "prepared XA transactions", Matching() with { Rederived = Recovered(prepared: true) }, "prepared XA" },
        { "position moved", Matching() with { Rederived = Recovered(41) }, "position changed" },
        { "not re-derived", Matching() with { Rederived = null }, "could not be re-derived" },
        { "forced grant accepts another position", Matching() with { Rederived = Recovered(41), Forced = true }, null },
        { "forced grant still refuses an empty datadir", Matching() with { Rederived = Recovered(-1, GrastateFile.ZeroUuid), Forced = true }, "holds no committed position" },
        { "forced grant still refuses a changed datadir", Matching() with { DatadirChange = "grastate.dat was replaced", Forced = true }, "the datadir changed" },
    };

    [Theory]
    [MemberData(nameof(EvidenceCases))]
    public void Bootstraps_only_on_exactly_the_granted_data_as_it_is_now(string name, GrantEvidence input, string? expected) =>
        AssertRefusal(name, GrantCheck.EvidenceRefusal(input), expected);

    private static void AssertRefusal(string name, string? refusal, string? expected)
    {
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
