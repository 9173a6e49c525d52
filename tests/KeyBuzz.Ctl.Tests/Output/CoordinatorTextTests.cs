using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Output;

namespace KeyBuzz.Ctl.Tests.Output;

public sealed class CoordinatorTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, CoordinatorStatus?, string?> Cases => new()
    {
        { "an old collector sends none", null, null },
        { "single-collector mode says nothing", new CoordinatorStatus { Mode = "single", Replica = "h", Leader = true }, null },
        {
            "the leader answers",
            Status(s => { s.Leader = true; s.LeaderName = "c1"; s.LeaderSinceUnixMs = Now.AddSeconds(-42).ToUnixTimeMilliseconds(); s.FencingToken = 17; }),
            "Coordinator (etcd): c1 answers and LEADS (elected 42s ago, fencing token 17); replicas in etcd: c1, c2, c3"
        },
        {
            "a follower names the leader",
            Status(s => { s.Replica = "c2"; s.LeaderName = "c1"; s.LeaderUrl = "https://10.0.0.1:7171"; }),
            "Coordinator (etcd): c2 answers as a follower; leader c1 at https://10.0.0.1:7171; replicas in etcd: c1, c2, c3"
        },
        {
            "etcd unreachable",
            Status(s => { s.Replicas.Clear(); s.Problem = "etcd: Unavailable: no quorum"; }),
            "Coordinator (etcd): c1 answers, NO LEADER it can see: etcd: Unavailable: no quorum; nothing is coordinated meanwhile (no round, no grant, no command)"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_status_line_says_who_coordinates(string name, CoordinatorStatus? status, string? expected) =>
        Assert.True(expected == CoordinatorText.Line(status, Now), $"{name}: {CoordinatorText.Line(status, Now)}");

    private static CoordinatorStatus Status(Action<CoordinatorStatus> change)
    {
        var status = new CoordinatorStatus { Mode = "etcd", Replica = "c1" };
        status.Replicas.AddRange(["c1", "c2", "c3"]);
        change(status);
        return status;
    }
}
