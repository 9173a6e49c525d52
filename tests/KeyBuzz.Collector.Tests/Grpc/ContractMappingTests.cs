using KeyBuzz.Collector.Grpc;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.Tests.Grpc;

public sealed class ContractMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static AgentHello Hello() => new() { NodeName = "node1", ClusterName = "kblab", Role = "galera", InstanceId = "abc", IntervalMs = 1000, AgentVersion = "0.1.0" };

    [Fact]
    public void A_valid_hello_passes() => Assert.Null(ContractMapping.ValidateHello(Hello()));

    public static TheoryData<string, AgentHello, string> BadHellos => new()
    {
        { "empty node", WithHello(h => h.NodeName = ""), "node_name" },
        { "node with a space", WithHello(h => h.NodeName = "node 1"), "Agent:NodeName" },
        { "cluster with a slash", WithHello(h => h.ClusterName = "a/b"), "Agent:ClusterName" },
        { "unknown role", WithHello(h => h.Role = "postgres"), "role 'postgres'" },
        { "no instance", WithHello(h => h.InstanceId = ""), "instance_id" },
        { "absurd interval", WithHello(h => h.IntervalMs = 5), "interval_ms" },
    };

    [Theory]
    [MemberData(nameof(BadHellos))]
    public void Bad_hellos_are_refused_with_the_setting_to_fix(string name, AgentHello hello, string expected)
    {
        var error = ContractMapping.ValidateHello(hello);

        Assert.True(error?.Contains(expected, StringComparison.Ordinal) == true, $"{name}: {error}");
    }

    [Fact]
    public void A_reading_maps_status_and_grastate()
    {
        var reading = new Reading { Seq = 7, SampledAtUnixMs = Now.ToUnixTimeMilliseconds(), DroppedTotal = 2, Galera = new GaleraReading { MariadbRunning = true, SqlReachable = true, Grastate = new Grastate { Present = true, Uuid = "u", Seqno = -1 } } };
        reading.Galera.Status["wsrep_last_committed"] = "42";
        reading.Galera.Errors.Add(new SamplerError { Sampler = "variables", Message = "timed out" });

        var (mapped, error) = ContractMapping.ToNodeReading(reading, "abc", Now);

        Assert.Null(error);
        Assert.Equal(42, mapped!.Long("wsrep_last_committed"));
        Assert.Equal(-1, mapped.Grastate!.Seqno);
        Assert.Null(mapped.Grastate.Error);
        Assert.Equal(["variables: timed out"], mapped.Errors);
        Assert.Equal(2UL, mapped.DroppedTotal);
    }

    [Fact]
    public void Provider_options_shipped_parsed_are_readable_as_the_server_variable()
    {
        var reading = new Reading { Seq = 1, SampledAtUnixMs = Now.ToUnixTimeMilliseconds(), Galera = new GaleraReading { MariadbRunning = true, SqlReachable = true } };
        reading.Galera.ProviderOptions["gcache.size"] = "128M";
        reading.Galera.ProviderOptions["evs.keepalive_period"] = "PT1S";

        var (mapped, _) = ContractMapping.ToNodeReading(reading, "abc", Now);

        Assert.Equal("evs.keepalive_period = PT1S; gcache.size = 128M", mapped!.Variables["wsrep_provider_options"]);
    }

    [Theory]
    [InlineData(0UL, 0L, "seq must start at 1")]
    [InlineData(1UL, -3_600_000L * 24 * 365 * 10, "not plausible")]
    [InlineData(1UL, 3_600_000L, "not plausible")]
    public void Implausible_readings_are_refused(ulong seq, long offsetMs, string expected)
    {
        var reading = new Reading { Seq = seq, SampledAtUnixMs = Now.ToUnixTimeMilliseconds() + offsetMs, Galera = new GaleraReading() };

        var (mapped, error) = ContractMapping.ToNodeReading(reading, "abc", Now);

        Assert.Null(mapped);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reading_without_payload_is_refused()
    {
        var (mapped, error) = ContractMapping.ToNodeReading(new Reading { Seq = 1, SampledAtUnixMs = Now.ToUnixTimeMilliseconds() }, "abc", Now);

        Assert.Null(mapped);
        Assert.Contains("no galera payload", error, StringComparison.Ordinal);
    }

    private static AgentHello WithHello(Action<AgentHello> change)
    {
        var hello = Hello();
        change(hello);
        return hello;
    }
}
