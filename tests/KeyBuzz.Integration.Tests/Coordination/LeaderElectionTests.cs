using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Coordination;

/// <summary>
/// HA mode on real processes: a 3-member etcd cluster and three kb-collector replicas. In the lab
/// collection only so that it never runs alongside another lab test (2 cores); it does not use the Galera lab.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class LeaderElectionTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private EtcdCluster _etcd = null!;
    private CollectorReplicas _replicas = null!;

    public async Task InitializeAsync()
    {
        _etcd = new EtcdCluster(Path.Combine(_dir.Path, "etcd"));
        await _etcd.StartAsync();
        _replicas = await CollectorReplicas.CreateAsync(_dir.Path, _etcd.ClientUrls);
        for (var r = 1; r <= 3; r++)
        {
            _replicas.Start(r);
        }
    }

    public async Task DisposeAsync()
    {
        await _replicas.DisposeAsync();
        await _etcd.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Exactly_one_replica_leads_a_killed_leader_is_replaced_within_the_lease_and_comes_back_as_a_follower()
    {
        var first = await SingleLeaderAsync(TimeSpan.FromSeconds(30));
        var followers = Enumerable.Range(1, 3).Where(r => r != first).ToList();
        foreach (var f in followers)
        {
            var c = await CoordinatorWhenAsync(f, j => Named(j, "leaderName") == $"c{first}", TimeSpan.FromSeconds(10), $"c{f} names c{first} as the leader");
            Assert.Equal(CollectorReplicas.Url(first), c.GetProperty("leaderUrl").GetString());
            Assert.Equal(3, c.GetProperty("replicas").GetArrayLength());
        }

        var token = (await _replicas.CoordinatorAsync(first))!.Value.GetProperty("fencingToken").GetInt64();
        Assert.True(token > 0, "the leader's fencing token is its etcd key revision");

        var killedAt = DateTime.UtcNow;
        await _replicas.KillAsync(first);
        var watch = Stopwatch.StartNew();
        var (second, failover) = await SingleLeaderTimedAsync(watch, TimeSpan.FromSeconds(CollectorReplicas.LeaseTtlSeconds + 10));
        Assert.NotEqual(first, second);
        // etcd expires the dead leader's lease after its TTL; the next campaign wins at once.
        Assert.True(failover < TimeSpan.FromSeconds(CollectorReplicas.LeaseTtlSeconds + 3), $"failover took {failover.TotalSeconds:0.0} s; killed c{first} at {killedAt:HH:mm:ss.fff}; {_replicas.CoordinationLog()}");
        Assert.True((await _replicas.CoordinatorAsync(second))!.Value.GetProperty("fencingToken").GetInt64() > token, "a new leader's token is higher than the old one's");

        _replicas.Start(first);
        var back = await CoordinatorWhenAsync(first, j => Named(j, "leaderName") == $"c{second}", TimeSpan.FromSeconds(20), $"restarted c{first} follows c{second}");
        Assert.False(back.GetProperty("leader").GetBoolean());
        Assert.Equal([second], await _replicas.LeadersAsync());
    }

    [Fact]
    public async Task A_follower_refuses_an_admin_change_and_names_the_leader()
    {
        var leader = await SingleLeaderAsync(TimeSpan.FromSeconds(30));
        var follower = leader % 3 + 1;
        await CoordinatorWhenAsync(follower, j => Named(j, "leaderName") == $"c{leader}", TimeSpan.FromSeconds(10), "the follower knows the leader");

        var (code, _, error) = await Tool.RunAsync(RepoPaths.Binary("kbctl/kbctl"), ["--collector", CollectorReplicas.Url(follower), "--token", _replicas.AdminToken, "maintenance", "on", "node1", "--cluster", "kblab"]);

        Assert.NotEqual(0, code);
        Assert.Contains($"is a follower: the leader is c{leader} at {CollectorReplicas.Url(leader)}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // an explanation, not a stack trace
    }

    [Fact]
    public async Task Without_etcd_quorum_no_replica_leads_and_each_says_why_quorum_back_a_leader_again()
    {
        await SingleLeaderAsync(TimeSpan.FromSeconds(30));

        var lostAt = DateTime.UtcNow;
        await _etcd.KillAsync(2);
        await _etcd.KillAsync(3);
        var watch = Stopwatch.StartNew();
        // The leader cannot renew without quorum and steps down on its own clock. etcd's raft leader may go on
        // renewing for up to two election timeouts (2 s here) before it notices the lost quorum (CheckQuorum);
        // from its last renewal the replica has TTL less 1 s.
        await Poll.UntilAsync(async () => (await _replicas.LeadersAsync()).Count == 0 ? "none" : null, TimeSpan.FromSeconds(CollectorReplicas.LeaseTtlSeconds + 10), "no replica leads without etcd quorum");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(CollectorReplicas.LeaseTtlSeconds + 5), $"stepping down took {watch.Elapsed.TotalSeconds:0.0} s; quorum lost at {lostAt:HH:mm:ss.fff}; {_replicas.CoordinationLog()}");
        for (var r = 1; r <= 3; r++)
        {
            var c = await CoordinatorWhenAsync(r, j => Named(j, "problem") is not null, TimeSpan.FromSeconds(15), $"c{r} reports why it cannot coordinate");
            Assert.False(c.GetProperty("leader").GetBoolean());
        }

        var (code, output, _) = await Tool.RunAsync(RepoPaths.Binary("kbctl/kbctl"), ["--collector", CollectorReplicas.Url(1), "--token", _replicas.AdminToken, "status"]);
        Assert.Equal(0, code); // reads keep working
        Assert.Contains("NO LEADER it can see", output, StringComparison.Ordinal);
        await Poll.UntilAsync(
            async () => (await Tool.RunAsync(RepoPaths.Binary("kbctl/kbctl"), ["--collector", CollectorReplicas.Url(1), "--token", _replicas.AdminToken, "alerts"])).Output is { } alerts && alerts.Contains("KeyBuzzCoordinatorDown", StringComparison.Ordinal) && alerts.Contains("firing", StringComparison.OrdinalIgnoreCase) ? alerts : null,
            TimeSpan.FromSeconds(30),
            "KeyBuzzCoordinatorDown firing on c1");

        _etcd.Start(2);
        _etcd.Start(3);
        await SingleLeaderAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Polls until exactly one replica says it leads, then checks that it stays the only one for a while.</summary>
    private async Task<int> SingleLeaderAsync(TimeSpan timeout) => (await SingleLeaderTimedAsync(Stopwatch.StartNew(), timeout)).Leader;

    /// <summary>The time on the watch when one leader was first seen (the checks that it stays alone come after).</summary>
    private async Task<(int Leader, TimeSpan Seen)> SingleLeaderTimedAsync(Stopwatch watch, TimeSpan timeout)
    {
        var leader = int.Parse(await Poll.UntilAsync(async () => await _replicas.LeadersAsync() is [var one] ? one.ToString(System.Globalization.CultureInfo.InvariantCulture) : null, timeout, "exactly one replica leads"), System.Globalization.CultureInfo.InvariantCulture);
        var seen = watch.Elapsed;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal([leader], await _replicas.LeadersAsync());
        }

        return (leader, seen);
    }

    private async Task<JsonElement> CoordinatorWhenAsync(int replica, Func<JsonElement, bool> condition, TimeSpan timeout, string what)
    {
        var box = await Poll.UntilAsync(async () => await _replicas.CoordinatorAsync(replica) is { } j && condition(j) ? new StrongBox<JsonElement>(j) : null, timeout, what);
        return box.Value;
    }

    private static string? Named(JsonElement coordinator, string property) =>
        coordinator.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
