using KeyBuzz.Collector.Commands;

namespace KeyBuzz.Collector.Tests.Commands;

public sealed class DisruptionLeasesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void One_disruptive_operation_per_cluster_at_a_time()
    {
        var leases = new DisruptionLeases(new FixedTime(T0));
        Assert.Null(leases.TryAcquire("erp", "the drill on node2", TimeSpan.FromMinutes(5)));
        Assert.Contains("the drill on node2 is in progress on erp", leases.TryAcquire("erp", "rolling apply r1", TimeSpan.FromMinutes(5)), StringComparison.Ordinal);
        Assert.Null(leases.TryAcquire("other", "rolling apply r1", TimeSpan.FromMinutes(5))); // clusters are independent
        Assert.Null(leases.TryAcquire("erp", "the drill on node2", TimeSpan.FromMinutes(5))); // the owner may renew

        leases.Release("erp", "rolling apply r1"); // not the owner: nothing happens
        Assert.NotNull(leases.TryAcquire("erp", "rolling apply r1", TimeSpan.FromMinutes(5)));
        leases.Release("erp", "the drill on node2");
        Assert.Null(leases.TryAcquire("erp", "rolling apply r1", TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_lease_whose_owner_vanished_expires()
    {
        var clock = new Clock { Now = T0 };
        var leases = new DisruptionLeases(clock);
        Assert.Null(leases.TryAcquire("erp", "the drill on node2", TimeSpan.FromMinutes(5)));
        clock.Now = T0.AddMinutes(4);
        Assert.NotNull(leases.TryAcquire("erp", "rolling apply r1", TimeSpan.FromMinutes(1)));
        clock.Now = T0.AddMinutes(6);
        Assert.Null(leases.TryAcquire("erp", "rolling apply r1", TimeSpan.FromMinutes(1)));
    }

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
