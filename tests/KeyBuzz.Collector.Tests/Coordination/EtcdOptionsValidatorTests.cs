using KeyBuzz.Collector.Coordination;

namespace KeyBuzz.Collector.Tests.Coordination;

public sealed class EtcdOptionsValidatorTests
{
    private static EtcdOptions Valid() => new()
    {
        Endpoints = ["http://127.0.7.1:2379", "http://127.0.7.2:2379"],
        AdvertiseUrl = "http://127.0.7.11:7171",
    };

    private static readonly Dictionary<string, (Action<EtcdOptions> Change, string? Expected)> Changes = new()
    {
        ["valid"] = (_ => { }, null),
        ["a member without a port"] = (o => o.Endpoints = ["http://127.0.7.1"], "Collector:Etcd:Endpoints 'http://127.0.7.1' must be"),
        ["mixed schemes"] = (o => o.Endpoints = ["http://127.0.7.1:2379", "https://127.0.7.2:2379"], "mixes http:// and https://"),
        ["a lease shorter than the step-down margin allows"] = (o => o.LeaseTtlSeconds = 2, "LeaseTtlSeconds 2 must be 3 to 60"),
        ["a prefix ending in /"] = (o => o.Prefix = "/keybuzz/", "Collector:Etcd:Prefix '/keybuzz/'"),
        ["no advertised URL"] = (o => o.AdvertiseUrl = string.Empty, "Collector:Etcd:AdvertiseUrl '' must be this replica's gRPC URL"),
        ["a certificate without its key"] = (o => o.CertFile = "/etc/hosts", "CertFile and Collector:Etcd:KeyFile go together"),
        ["a missing CA file"] = (o => o.CaFile = "/nonexistent/ca.pem", "Collector:Etcd:CaFile '/nonexistent/ca.pem' does not exist"),
        ["a user without a password file"] = (o => o.Username = "kb", "Username and Collector:Etcd:PasswordFile go together"),
    };

    public static TheoryData<string> Cases => [.. Changes.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_bad_setting_is_named_with_its_fix(string name)
    {
        var (change, expected) = Changes[name];
        var options = Valid();
        change(options);
        var result = new EtcdOptionsValidator().Validate(null, options);
        if (expected is null)
        {
            Assert.True(result.Succeeded, $"{name}: {result.FailureMessage}");
        }
        else
        {
            Assert.True(result.Failed, name);
            Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Without_endpoints_ha_mode_is_off_and_nothing_else_is_checked() =>
        Assert.True(new EtcdOptionsValidator().Validate(null, new EtcdOptions { LeaseTtlSeconds = 0, Prefix = "bad" }).Succeeded);
}
