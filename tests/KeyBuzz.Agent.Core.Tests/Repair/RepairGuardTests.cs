using KeyBuzz.Agent.Core.Repair;

namespace KeyBuzz.Agent.Core.Tests.Repair;

public sealed class RepairGuardTests
{
    private const string U = "74b40c19-e905-11f1-a459-5e998b5f3507";
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly RestartBudget Budget = RestartBudget.Fresh(3, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(10));
    private static readonly AdviceView PrimaryElsewhere = new(true, U, ["node1", "node3"], true, false, 0);

    /// <summary>A crashed node (grastate -1) with its position recovered, 30 s after the crash, and a healthy Primary elsewhere.</summary>
    private static RepairInputs Crashed() =>
        new(T0.AddSeconds(30), false, -1, U, new LocalPosition(U, 42), null, PrimaryElsewhere, Budget, T0, TimeSpan.FromSeconds(20));

    public static TheoryData<string, RepairInputs, RepairAction, string> Cases => new()
    {
        { "running node is left alone", Crashed() with { MariadbRunning = true }, RepairAction.None, "idle" },
        { "clean stop is not a crash", Crashed() with { GrastateSeqno = 42 }, RepairAction.None, "stopped" },
        { "crash without position: recover it first", Crashed() with { Recovered = null }, RepairAction.RecoverPosition, "crashed" },
        { "maintenance: nothing is done", Crashed() with { Advice = PrimaryElsewhere with { Maintenance = true } }, RepairAction.None, "maintenance" },
        { "collector unreachable: nothing irreversible", Crashed() with { Advice = null }, RepairAction.None, "waiting" },
        { "no Primary elsewhere: full outage is the collector's", Crashed() with { Advice = PrimaryElsewhere with { PrimaryElsewhere = false } }, RepairAction.None, "waiting" },
        { "recovery round in progress", Crashed() with { Advice = PrimaryElsewhere with { ActiveRound = 4 } }, RepairAction.None, "waiting" },
        { "Primary of another history", Crashed() with { Advice = PrimaryElsewhere with { PrimaryStateUuid = "11111111-2222-3333-4444-555555555555" } }, RepairAction.None, "waiting" },
        { "survivors have not evicted it yet", Crashed() with { Now = T0.AddSeconds(5), Advice = PrimaryElsewhere with { SelfEvicted = false } }, RepairAction.None, "waiting" },
        { "eviction wait has a limit", Crashed() with { Now = T0.AddSeconds(25), Advice = PrimaryElsewhere with { SelfEvicted = false } }, RepairAction.Restart, "restarting" },
        { "all clear: restart", Crashed(), RepairAction.Restart, "restarting" },
        { "backoff after a failed attempt", Crashed() with { Budget = Budget.Record(T0.AddSeconds(25)) }, RepairAction.None, "waiting" },
        { "budget spent: hold", Crashed() with { Budget = Budget.Record(T0).Record(T0.AddSeconds(10)).Record(T0.AddSeconds(20)) }, RepairAction.Hold, "held" },
        { "held stays held", Crashed() with { Budget = Budget.Hold() }, RepairAction.None, "held" },
        { "recover failed: retry after backoff", Crashed() with { Recovered = null, RecoverError = "exit code 1: Aborting", Budget = Budget.Record(T0.AddSeconds(25)) }, RepairAction.None, "crashed" },
        { "recover keeps failing: hold", Crashed() with { Recovered = null, RecoverError = "exit code 1: Aborting", Budget = Budget.Record(T0).Record(T0.AddSeconds(5)).Record(T0.AddSeconds(15)) }, RepairAction.Hold, "held" },
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
    public void Restart_carries_the_recovered_position()
    {
        var decision = RepairGuard.Decide(Crashed());

        Assert.Equal(new LocalPosition(U, 42), decision.StartPosition);
    }
}
