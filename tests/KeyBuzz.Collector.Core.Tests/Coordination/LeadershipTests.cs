using KeyBuzz.Collector.Core.Coordination;

namespace KeyBuzz.Collector.Core.Tests.Coordination;

public sealed class LeadershipTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1);

    public static TheoryData<string, LeaderLease?, double, bool> Cases => new()
    {
        { "no lease: a follower", null, 0, false },
        { "keep-alive just confirmed", new LeaderLease(7, 42, T0, TimeSpan.FromSeconds(5)), 0.1, true },
        { "just inside the TTL less the margin", new LeaderLease(7, 42, T0, TimeSpan.FromSeconds(5)), 3.9, true },
        { "at the TTL less the margin: steps down before etcd may expire it", new LeaderLease(7, 42, T0, TimeSpan.FromSeconds(5)), 4.0, false },
        { "after the TTL: etcd may have elected another", new LeaderLease(7, 42, T0, TimeSpan.FromSeconds(5)), 6, false },
        { "a TTL no longer than the margin never leads", new LeaderLease(7, 42, T0, TimeSpan.FromSeconds(1)), 0, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_replica_leads_only_while_its_lease_is_proven_alive(string name, LeaderLease? lease, double secondsLater, bool leads) =>
        Assert.True(leads == Leadership.Leads(lease, T0.AddSeconds(secondsLater), Margin), name);

    [Fact]
    public void A_keep_alive_counts_from_when_it_was_sent()
    {
        var lease = new LeaderLease(7, 42, T0, TimeSpan.FromSeconds(5));
        var renewed = Leadership.AfterKeepAlive(lease, T0.AddSeconds(2), 5);
        Assert.Equal(new LeaderLease(7, 42, T0.AddSeconds(2), TimeSpan.FromSeconds(5)), renewed);
        Assert.True(Leadership.Leads(renewed, T0.AddSeconds(5.5), Margin));
    }

    [Fact]
    public void A_keep_alive_answered_with_ttl_0_ends_the_lease_for_good() =>
        Assert.Null(Leadership.AfterKeepAlive(new LeaderLease(7, 42, T0, TimeSpan.FromSeconds(5)), T0.AddSeconds(2), 0));
}
