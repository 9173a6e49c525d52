using KeyBuzz.Agent.Core.OnDisk;
using KeyBuzz.Agent.Core.Repair;
using static KeyBuzz.Agent.Core.Tests.Evidence.Datadirs;

namespace KeyBuzz.Agent.Core.Tests.Repair;

public sealed class RepairGuardTests
{
    private static readonly RestartBudget Budget = RestartBudget.Fresh(3, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(10));
    private static readonly AdviceView PrimaryElsewhere = new(true, U, ["node1", "node3"], true, false, 0);

    /// <summary>A crashed node (grastate -1) with its position recovered, 30 s after the crash, and a healthy Primary elsewhere.</summary>
    private static RepairInputs Crashed() =>
        new(T0.AddSeconds(30), false, -1, Recovered(42), PrimaryElsewhere, Budget, T0, TimeSpan.FromSeconds(20));

    public static TheoryData<string, RepairInputs, RepairAction, string> Cases => new()
    {
        { "running node is left alone", Crashed() with { MariadbRunning = true }, RepairAction.None, "idle" },
        { "clean stop is not a crash", Crashed() with { GrastateSeqno = 42 }, RepairAction.None, "stopped" },
        { "crash without fresh evidence: wait for --wsrep-recover", Crashed() with { Evidence = null }, RepairAction.None, "crashed" },
        { "maintenance: nothing is done", Crashed() with { Advice = PrimaryElsewhere with { Maintenance = true } }, RepairAction.None, "maintenance" },
        { "collector unreachable: nothing irreversible", Crashed() with { Advice = null }, RepairAction.None, "waiting" },
        { "no Primary elsewhere: full outage is the collector's", Crashed() with { Advice = PrimaryElsewhere with { PrimaryElsewhere = false } }, RepairAction.None, "waiting" },
        { "recovery round in progress", Crashed() with { Advice = PrimaryElsewhere with { ActiveRound = 4 } }, RepairAction.None, "waiting" },
        { "automatic actions stopped (forked history)", Crashed() with { Advice = PrimaryElsewhere with { AutomaticActionsStopped = "FORKED HISTORY" } }, RepairAction.None, "waiting" },
        { "Primary of another history", Crashed() with { Advice = PrimaryElsewhere with { PrimaryStateUuid = "11111111-2222-3333-4444-555555555555" } }, RepairAction.None, "waiting" },
        { "survivors have not evicted it yet", Crashed() with { Now = T0.AddSeconds(5), Advice = PrimaryElsewhere with { SelfEvicted = false } }, RepairAction.None, "waiting" },
        { "eviction wait has a limit", Crashed() with { Now = T0.AddSeconds(25), Advice = PrimaryElsewhere with { SelfEvicted = false } }, RepairAction.Restart, "restarting" },
        { "all clear: restart", Crashed(), RepairAction.Restart, "restarting" },
        { "backoff after a failed attempt", Crashed() with { Budget = Budget.Record(T0.AddSeconds(25)) }, RepairAction.None, "waiting" },
        { "budget spent: hold", Crashed() with { Budget = Budget.Record(T0).Record(T0.AddSeconds(10)).Record(T0.AddSeconds(20)) }, RepairAction.Hold, "held" },
        { "held stays held", Crashed() with { Budget = Budget.Hold() }, RepairAction.None, "held" },
        { "recover failed: a human looks, no restart", Crashed() with { Evidence = Recovered(error: "exit code 1: Aborting") }, RepairAction.None, "crashed" },
        { "prepared XA transactions: no restart", Crashed() with { Evidence = Recovered(prepared: true) }, RepairAction.None, "crashed" },
        { "grastate.dat contradicts InnoDB: no restart", Crashed() with { Evidence = Recovered(disagreement: "grastate.dat says U:114 but InnoDB holds U:42") }, RepairAction.None, "waiting" },
        { "empty datadir joins by SST", Crashed() with { Evidence = Recovered(-1, GrastateFile.ZeroUuid) }, RepairAction.Restart, "restarting" },
        { "missing grastate counts as a crash", Crashed() with { GrastateSeqno = null }, RepairAction.Restart, "restarting" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Restarts_only_when_every_guard_agrees(string name, RepairInputs input, RepairAction action, string state)
    {
        var decision = RepairGuard.Decide(input);

        Assert.True(action == decision.Action && state == decision.State, $"{name}: got {decision.Action}/{decision.State}: {decision.Reason}");
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Fact]
    public void Restart_carries_the_position_re_derived_from_the_datadir()
    {
        Assert.Equal(new LocalPosition(U, 42), RepairGuard.Decide(Crashed()).StartPosition);
        Assert.Null(RepairGuard.Decide(Crashed() with { Evidence = Recovered(-1, GrastateFile.ZeroUuid) }).StartPosition);
    }
}
