using KeyBuzz.Collector.Core.Tuning;

namespace KeyBuzz.Collector.Core.Tests.Tuning;

public sealed class ConfigFragmentTests
{
    private const string Generated =
        """
        # generated
        [galera]
        wsrep_provider_options="gcache.size=1024M;gcs.fc_limit=256;evs.keepalive_period=PT3S"
        wsrep-slave-threads=4
        [mysqld]
        innodb_buffer_pool_size=2457M
        innodb_flush_log_at_trx_commit=1
        [client]
        user=ignored
        """;

    [Fact]
    public void Generated_fragment_gives_provider_options_and_server_settings()
    {
        var (settings, errors) = ConfigFragment.Parse(Generated);
        Assert.Empty(errors);
        Assert.Equal(
            ["innodb_buffer_pool_size=2457M", "innodb_flush_log_at_trx_commit=1", "provider:evs.keepalive_period=PT3S", "provider:gcache.size=1024M", "provider:gcs.fc_limit=256", "wsrep_slave_threads=4"],
            settings.Select(s => $"{s.Name}={s.Value}"));
    }

    [Fact]
    public void Comments_may_start_mid_line_but_not_inside_quotes()
    {
        var (settings, errors) = ConfigFragment.Parse("[mysqld]\nmax_connections=300 # ERP peak\n[galera]\nwsrep_sst_auth=\"sst:p#ss\"\n");
        Assert.Empty(errors);
        Assert.Equal(["max_connections=300", "wsrep_sst_auth=sst:p#ss"], settings.Select(x => $"{x.Name}={x.Value}"));
    }

    [Fact]
    public void Agents_get_option_lines_without_trailing_comments()
    {
        var sent = ConfigFragment.WithoutTrailingComments("# tuning\n[galera]\nwsrep_provider_options=\"gcache.size=1G\" # sized for 4 h\nwsrep_sst_auth=\"sst:p#ss\"\n");
        Assert.Equal("# tuning\n[galera]\nwsrep_provider_options=\"gcache.size=1G\"\nwsrep_sst_auth=\"sst:p#ss\"\n", sent);
    }

    [Fact]
    public void Later_lines_win_like_in_mariadbd() =>
        Assert.Equal("2", ConfigFragment.Parse("[mysqld]\nwsrep_slave_threads=1\nwsrep_slave_threads=2\n").Settings.Single().Value);

    [Theory]
    [InlineData("wsrep_slave_threads=4\n", "outside any [section]")]
    [InlineData("[mysqld\nx=1\n", "no closing ]")]
    [InlineData("[mysqld]\n!include /etc/other.cnf\n", "may not include")]
    [InlineData("# only a comment\n", "sets no server option")]
    public void Bad_fragments_are_refused_with_the_reason(string text, string expected) =>
        Assert.Contains(ConfigFragment.Parse(text).Errors, e => e.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Provider_options_as_the_server_shows_them() =>
        Assert.Equal("128M", ConfigFragment.ProviderOptions("base_dir = /var/lib/mysql/; gcache.size = 128M; gcs.fc_limit = 16")["gcache.size"]);
}
