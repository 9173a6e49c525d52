using KeyBuzz.Ctl.Galera;

namespace KeyBuzz.Ctl.Tests.Galera;

public sealed class GaleraConfigTests
{
    private static readonly Dictionary<string, Func<GaleraSettings>> Variants = new()
    {
        ["Module 8 intent"] = () => new GaleraSettings(),
        ["keepalive above suspect/3"] = () => new GaleraSettings { KeepaliveSeconds = 3, SuspectSeconds = 8 },
        ["inactive not above suspect"] = () => new GaleraSettings { InactiveSeconds = 10 },
        ["suspect too short for the inactive check"] = () => new GaleraSettings { KeepaliveSeconds = 0.2, SuspectSeconds = 0.8, InactiveSeconds = 5 },
        ["install timeout below keepalive"] = () => new GaleraSettings { KeepaliveSeconds = 3, SuspectSeconds = 10, InactiveSeconds = 5 },
        ["mariabackup without a user"] = () => new GaleraSettings { SstMethod = "mariabackup" },
        ["unknown SST method"] = () => new GaleraSettings { SstMethod = "xtrabackup" },
        ["buffer pool over 80 % of RAM"] = () => new GaleraSettings { RamMib = 4096, BufferPoolMib = 4000 },
        ["fc limit zero"] = () => new GaleraSettings { FcLimit = 0 },
    };

    public static TheoryData<string, string?> Cases => new()
    {
        { "Module 8 intent", null },
        { "keepalive above suspect/3", "--keepalive 3s must be at most --suspect/3 = 2.67s" },
        { "inactive not above suspect", "evs.inactive_timeout > evs.suspect_timeout" },
        { "suspect too short for the inactive check", "evs.inactive_check_period 0.5s" },
        { "install timeout below keepalive", "evs.install_timeout" },
        { "mariabackup without a user", "--sst mariabackup needs --sst-user" },
        { "unknown SST method", "must be rsync or mariabackup" },
        { "buffer pool over 80 % of RAM", "more than 80 % of 4096 MiB RAM" },
        { "fc limit zero", "--fc-limit 0" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Constraints_galera_enforces_at_start_up_are_checked(string name, string? expected)
    {
        var errors = GaleraValidator.Validate(Variants[name]());

        if (expected is null)
        {
            Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors)}");
        }
        else
        {
            Assert.True(errors.Any(e => e.Contains(expected, StringComparison.Ordinal)), $"{name}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public void Fragment_uses_real_galera_4_names_on_one_line()
    {
        var fragment = GaleraConfigRenderer.Render(new GaleraSettings { RamMib = 8192, WriteRateKibPerSecond = 512 });

        Assert.Contains("wsrep_provider_options=\"gcache.size=1024M;gcs.fc_limit=256;gcs.fc_single_primary=YES;evs.keepalive_period=PT3S;evs.suspect_timeout=PT10S;evs.inactive_timeout=PT30S\"", fragment, StringComparison.Ordinal);
        Assert.DoesNotContain("fc_master_slave", fragment, StringComparison.Ordinal);
        Assert.Single(fragment.Split('\n'), l => l.StartsWith("wsrep_provider_options", StringComparison.Ordinal));
        Assert.Contains("innodb_buffer_pool_size=4915M", fragment, StringComparison.Ordinal); // 60 % of 8 GiB
        Assert.Contains("innodb_flush_method=O_DIRECT", fragment, StringComparison.Ordinal);
        Assert.Contains("innodb_flush_log_at_trx_commit=1", fragment, StringComparison.Ordinal);
        Assert.Contains("wsrep_sst_method=rsync", fragment, StringComparison.Ordinal);
        Assert.Contains("rejoins by IST", fragment, StringComparison.Ordinal);
        Assert.Contains("34 min", fragment, StringComparison.Ordinal); // 1024 MiB / 512 KiB/s
    }

    [Fact]
    public void Mariabackup_gets_its_sst_user()
    {
        var fragment = GaleraConfigRenderer.Render(new GaleraSettings { SstMethod = "mariabackup", SstUser = "sst", SstPassword = "pw" });

        Assert.Contains("wsrep_sst_method=mariabackup\nwsrep_sst_auth=sst:pw\n", fragment, StringComparison.Ordinal);
    }
}
