using KeyBuzz.Ctl.ProxySql;

namespace KeyBuzz.Ctl.Tests.ProxySql;

public sealed class ProxySqlConfigTests
{
    private static ProxySqlSettings Defaults => new()
    {
        Cluster = "erp",
        Backends = [("10.0.0.11", 3306, "db1"), ("10.0.0.12", 3306, "db2"), ("10.0.0.13", 3306, "db3")],
        Proxies = [("10.0.0.21", "proxy1"), ("10.0.0.22", "proxy2")],
        AppUsers = [("app", "app-pw")],
        MonitorPassword = "mon-pw",
        AdminPassword = "admin-pw",
        ClusterPassword = "cluster-pw",
    };

    private static readonly Dictionary<string, Func<ProxySqlSettings>> Variants = new()
    {
        ["defaults"] = () => Defaults,
        ["custom hostgroups"] = () => Defaults with { WriterHostgroup = 100, BackupWriterHostgroup = 200, ReaderHostgroup = 300, OfflineHostgroup = 999 },
        ["duplicate hostgroups"] = () => Defaults with { BackupWriterHostgroup = 10 },
        ["max timeout count above 10"] = () => Defaults with { GaleraCheckMaxTimeouts = 20 },
        ["galera interval below 50"] = () => Defaults with { GaleraCheckIntervalMs = 10 },
        ["timeout not shorter than interval"] = () => Defaults with { GaleraCheckTimeoutMs = 1000 },
        ["ping timeout not shorter than interval"] = () => Defaults with { PingTimeoutMs = 5000 },
        ["one proxy"] = () => Defaults with { Proxies = [("10.0.0.21", "proxy1")] },
        ["no database node"] = () => Defaults with { Backends = [] },
        ["no app user"] = () => Defaults with { AppUsers = [] },
        ["password with a semicolon"] = () => Defaults with { ClusterPassword = "a;b" },
        ["cluster user is the admin user"] = () => Defaults with { ClusterUser = "radmin" },
        ["ping timeout below 100"] = () => Defaults with { PingTimeoutMs = 50 },
        ["reader hostgroup 0"] = () => Defaults with { ReaderHostgroup = 0 },
        ["password with a backslash"] = () => Defaults with { AppUsers = [("app", "a\\b")] },
    };

    public static TheoryData<string, string?> Cases => new()
    {
        { "defaults", null },
        { "custom hostgroups", null },
        { "duplicate hostgroups", "4 different non-negative numbers" },
        { "max timeout count above 10", "--galera-max-timeouts 20 is outside ProxySQL's range 1..10" },
        { "galera interval below 50", "--galera-interval 10 is outside ProxySQL's range" },
        { "timeout not shorter than interval", "--galera-timeout must be shorter than --galera-interval" },
        { "ping timeout not shorter than interval", "--ping-timeout must be shorter than --ping-interval" },
        { "one proxy", "two-node ProxySQL Cluster" },
        { "no database node", "has no mariadb row" },
        { "no app user", "--app-user" },
        { "password with a semicolon", "the cluster password contains ':' or ';'" },
        { "cluster user is the admin user", "--cluster-user must differ from --admin-user" },
        { "ping timeout below 100", "--ping-timeout 50 is outside ProxySQL's range 100..600000" },
        { "reader hostgroup 0", "the reader hostgroup above 0" },
        { "password with a backslash", "the app user app password contains a backslash" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Settings_are_validated_before_anything_is_generated(string name, string? expected)
    {
        var errors = ProxySqlValidator.Validate(Variants[name]());

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
    public void Only_the_preferred_writer_is_in_the_writer_hostgroup_with_deterministic_weights()
    {
        var sql = AdminSqlRenderer.Render(Defaults);

        Assert.Contains("(10, '10.0.0.11', 3306, 1000, 1000, 0, 'db1 preferred writer'), (20, '10.0.0.12', 3306, 900, 1000, 0, 'db2 standby 1'), (20, '10.0.0.13', 3306, 800, 1000, 0, 'db3 standby 2')", sql, StringComparison.Ordinal);
        Assert.Contains("VALUES (10, 20, 30, 9999, 1, 1, 0, 256,", sql, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO mysql_users (username, password, default_hostgroup, transaction_persistent, active) VALUES ('app', 'app-pw', 10, 1, 1)", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("mysql_query_rules", sql, StringComparison.Ordinal); // no read/write split
        Assert.Contains("variable_value = 'radmin:admin-pw;cluster:cluster-pw' WHERE variable_name = 'admin-admin_credentials'", sql, StringComparison.Ordinal);
        Assert.Contains("variable_value = '2' WHERE variable_name = 'admin-cluster_mysql_servers_sync_algorithm'", sql, StringComparison.Ordinal);
        Assert.Contains("variable_value = '1000' WHERE variable_name = 'mysql-monitor_galera_healthcheck_interval'", sql, StringComparison.Ordinal);
        Assert.Contains("('10.0.0.21', 6032, 0, 'proxy1'), ('10.0.0.22', 6032, 0, 'proxy2')", sql, StringComparison.Ordinal);
        Assert.EndsWith("LOAD PROXYSQL SERVERS TO RUNTIME;\nSAVE PROXYSQL SERVERS TO DISK;\n", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Custom_hostgroups_reach_every_statement_and_quotes_are_escaped()
    {
        var sql = AdminSqlRenderer.Render(Variants["custom hostgroups"]() with { AppUsers = [("app", "it's")] });

        Assert.Contains("(100, '10.0.0.11'", sql, StringComparison.Ordinal);
        Assert.Contains("(200, '10.0.0.12'", sql, StringComparison.Ordinal);
        Assert.Contains("VALUES (100, 200, 300, 999, 1, 1, 0, 256,", sql, StringComparison.Ordinal);
        Assert.Contains("'it''s', 100, 1, 1)", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void Cnf_carries_the_same_configuration_without_prefixes()
    {
        var cnf = CnfRenderer.Render(Defaults, "10.0.0.21");

        Assert.Contains("    monitor_galera_healthcheck_interval=\"1000\"", cnf, StringComparison.Ordinal);
        Assert.Contains("    cluster_mysql_servers_sync_algorithm=\"2\"", cnf, StringComparison.Ordinal);
        Assert.Contains("{ hostgroup_id=10, address=\"10.0.0.11\", port=3306, weight=1000", cnf, StringComparison.Ordinal);
        Assert.Contains("{ hostgroup_id=20, address=\"10.0.0.13\", port=3306, weight=800", cnf, StringComparison.Ordinal);
        Assert.Contains("max_writers=1, writer_is_also_reader=0", cnf, StringComparison.Ordinal);
        Assert.Contains("default_hostgroup=10, transaction_persistent=1", cnf, StringComparison.Ordinal);
        Assert.DoesNotContain("mysql-monitor", cnf, StringComparison.Ordinal);
        Assert.Contains("    mysql_ifaces=\"10.0.0.21:6032\"", cnf, StringComparison.Ordinal);
        Assert.Contains("    interfaces=\"10.0.0.21:6033\"", cnf, StringComparison.Ordinal);
        Assert.DoesNotContain("0.0.0.0:6032", cnf, StringComparison.Ordinal);
    }
}
