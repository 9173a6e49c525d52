using KeyBuzz.Collector.Core.Tuning;

namespace KeyBuzz.Collector.Core.Tests.Tuning;

public sealed class SettingsComparerTests
{
    private static readonly Dictionary<string, string> Live = new()
    {
        ["wsrep_provider_options"] = "base_dir = /var/lib/mysql/; evs.keepalive_period = PT1S; gcache.size = 128M; gcs.fc_limit = 16; gcs.fc_single_primary = no",
        ["innodb_buffer_pool_size"] = "67108864",
        ["wsrep_slave_threads"] = "2",
        ["wsrep_sst_auth"] = "********",
    };

    public static TheoryData<string, string, string?> Cases => new()
    {
        { "same size written in MiB", "[mysqld]\ninnodb_buffer_pool_size=64M\n", null },
        { "bigger buffer pool", "[mysqld]\ninnodb_buffer_pool_size=1G\n", "innodb_buffer_pool_size: 67108864 -> 1G" },
        { "provider option changed", "[galera]\nwsrep_provider_options=\"gcache.size=1024M\"\n", "provider:gcache.size: 128M -> 1024M" },
        { "provider switch yes/no", "[galera]\nwsrep_provider_options=\"gcs.fc_single_primary=YES\"\n", "provider:gcs.fc_single_primary: no -> YES" },
        { "provider duration equal", "[galera]\nwsrep_provider_options=\"evs.keepalive_period=PT1.0S\"\n", null },
        { "not reported by the agent", "[mysqld]\ninnodb_log_buffer_size=16M\n", "innodb_log_buffer_size: (not reported) -> 16M" },
        { "secret never compared", "[galera]\nwsrep_sst_auth=sst:pw\n", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Differences_name_the_setting_the_live_value_and_the_desired_one(string name, string fragment, string? expected)
    {
        _ = name;
        var changes = SettingsComparer.Differences(ConfigFragment.Parse(fragment).Settings, Live)
            .Select(c => $"{c.Setting}: {c.Effective ?? "(not reported)"} -> {c.Desired}").ToList();
        if (expected is null)
        {
            Assert.Empty(changes);
        }
        else
        {
            Assert.Equal([expected], changes);
        }
    }
}
