using KeyBuzz.Collector.Core.Bootstrap;
using KeyBuzz.Collector.Core.Recovery;
using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Recovery;

namespace KeyBuzz.Collector.Tests.Recovery;

public sealed class RoundStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDatabases _databases = new();

    private RoundStore Open() => new(_databases.Open());

    private static RecoveryRound Round(ulong id, RoundPhase phase, params BootstrapGrant[] grants) =>
        new(id, "kblab", phase, T0, T0.AddSeconds(1), "status", "rule", grants, ["node3"]);

    private static BootstrapGrant Grant(string id, string by = "auto", bool? accepted = null, double minutesAfterT0 = 0) =>
        new(id, "node2", new Position("u", 42), T0.AddMinutes(minutesAfterT0), TimeSpan.FromSeconds(30), by, true, accepted, accepted is null ? null : "answer");

    [Fact]
    public void Rounds_survive_a_restart_with_their_grants()
    {
        var store = Open();
        Assert.Equal(1UL, store.NextId());
        store.Save(Round(1, RoundPhase.Granted, Grant("g1")));
        _databases.Opened[0].Dispose();

        var reopened = Open();
        var round = reopened.Active("kblab");

        Assert.NotNull(round);
        Assert.Equal(RoundPhase.Granted, round.Phase);
        Assert.Equal(("g1", "node2", 42L, true, (bool?)null), (round.Grant!.Id, round.Grant.Node, round.Grant.Position.Seqno, round.Grant.Sent, round.Grant.Accepted));
        Assert.Equal(["node3"], round.Started);
        Assert.Equal(2UL, reopened.NextId());
    }

    [Fact]
    public void Command_deliveries_decisions_and_refused_evidence_survive_a_restart()
    {
        var command = new RoundCommand("s-1", "node1", RoundCommandKind.Fence, 2, T0, T0.AddSeconds(1), 3, true, "fenced", T0.AddSeconds(2), true);
        var grant = Grant("g1") with { DatadirIdentity = "5e1d2c3b4a596877", EvidenceToken = "node2|5e1d@1", LastSentAt = T0.AddSeconds(4) };
        Open().Save(Round(1, RoundPhase.Deciding, grant) with { Commands = [command], Decision = "fencing: node1", DecisionSince = T0.AddSeconds(3), PcRecoveryStalledAt = T0.AddSeconds(5), RefusedEvidence = ["node2|abc@1"] });
        _databases.Opened[0].Dispose();

        var round = Open().Active("kblab")!;

        Assert.Equal(command, Assert.Single(round.CommandLog));
        Assert.Equal(("fencing: node1", T0.AddSeconds(3), T0.AddSeconds(5)), (round.Decision, round.DecisionSince, round.PcRecoveryStalledAt));
        Assert.Equal(["node2|abc@1"], round.Refused);
        Assert.Equal(("5e1d2c3b4a596877", "node2|5e1d@1", T0.AddSeconds(4)), (round.Grant!.DatadirIdentity, round.Grant.EvidenceToken, round.Grant.LastSentAt!.Value));
    }

    [Fact]
    public void Only_unfinished_rounds_are_active()
    {
        var store = Open();
        store.Save(Round(1, RoundPhase.Done));
        store.Save(Round(2, RoundPhase.Failed));

        Assert.Null(store.Active("kblab"));

        store.Save(Round(3, RoundPhase.Deciding));
        Assert.Equal(3UL, store.Active("kblab")!.Id);
        Assert.Null(store.Active("other"));
    }

    [Fact]
    public void Circuit_breaker_counts_live_and_accepted_automatic_grants_in_the_window()
    {
        var store = Open();
        store.Save(Round(1, RoundPhase.Done, Grant("a", accepted: true, minutesAfterT0: 0), Grant("b", accepted: false, minutesAfterT0: 1)));
        store.Save(Round(2, RoundPhase.Done, Grant("c", by: "approved", accepted: true, minutesAfterT0: 2), Grant("d", accepted: true, minutesAfterT0: 70)));

        Assert.Equal(2, store.AutoGrantsSince("kblab", T0.AddMinutes(-1)));
        Assert.Equal(1, store.AutoGrantsSince("kblab", T0.AddMinutes(30)));
    }

    [Fact]
    public void Events_are_kept_per_round_in_order()
    {
        var store = Open();
        store.AddEvent("kblab", 1, "second", T0.AddSeconds(2));
        store.AddEvent("kblab", 1, "first", T0.AddSeconds(1));
        store.AddEvent("kblab", 2, "other round", T0);

        Assert.Equal(["first", "second"], store.Events(1).Select(e => e.Text));
    }

    public void Dispose() => _databases.Dispose();
}
