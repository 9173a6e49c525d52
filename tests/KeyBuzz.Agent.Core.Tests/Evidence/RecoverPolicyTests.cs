using KeyBuzz.Agent.Core.Evidence;
using static KeyBuzz.Agent.Core.Tests.Evidence.Datadirs;

namespace KeyBuzz.Agent.Core.Tests.Evidence;

public sealed class RecoverPolicyTests
{
    /// <summary>A stopped datadir, unchanged for a minute, without evidence yet.</summary>
    private static RecoverInputs Stopped() =>
        new(T0.AddMinutes(1), false, false, null, Datadirs.Stopped(), T0, null, 0);

    public static TheoryData<string, RecoverInputs, RecoverPolicy.Verdict> Cases => new()
    {
        { "stopped without evidence: recover", Stopped(), RecoverPolicy.Verdict.Recover },
        { "running: never", Stopped() with { MariadbRunning = true }, RecoverPolicy.Verdict.Keep },
        { "maintenance: the datadir is not read", Stopped() with { Maintenance = true }, RecoverPolicy.Verdict.Keep },
        { "fresh evidence: nothing to do", Stopped() with { Evidence = Recovered() }, RecoverPolicy.Verdict.Keep },
        { "evidence from before the datadir changed: recover again", Stopped() with { Evidence = Recovered(datadir: Datadirs.Stopped(ibdataInode: 1)) }, RecoverPolicy.Verdict.Recover },
        { "datadir still changing (operator at work): wait", Stopped() with { Evidence = Recovered(datadir: Datadirs.Stopped(ibdataInode: 1)), DatadirChangedAt = T0.AddMinutes(1).AddSeconds(-1) }, RecoverPolicy.Verdict.Keep },
        { "no InnoDB: record empty without running mariadbd", Stopped() with { Current = Wiped() }, RecoverPolicy.Verdict.RecordEmpty },
        { "no InnoDB already recorded", Stopped() with { Current = Wiped(), Evidence = Recovered(-1, datadir: Wiped()) }, RecoverPolicy.Verdict.Keep },
        { "failed run: back off", Stopped() with { Evidence = Recovered(error: "exit 1"), LastFailureAt = T0.AddMinutes(1).AddSeconds(-5), Failures = 1 }, RecoverPolicy.Verdict.Keep },
        { "failed run: retried after the backoff", Stopped() with { Evidence = Recovered(error: "exit 1"), LastFailureAt = T0.AddMinutes(1).AddSeconds(-11), Failures = 1 }, RecoverPolicy.Verdict.Recover },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Recovers_on_every_stopped_datadir_without_evidence_bound_to_it(string name, RecoverInputs input, RecoverPolicy.Verdict expected)
    {
        var (verdict, reason) = RecoverPolicy.Decide(input);

        Assert.True(expected == verdict, $"{name}: {verdict} ({reason})");
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Fact]
    public void Backoff_doubles_up_to_five_minutes()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), RecoverPolicy.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(40), RecoverPolicy.Backoff(3));
        Assert.Equal(TimeSpan.FromMinutes(5), RecoverPolicy.Backoff(20));
    }
}
