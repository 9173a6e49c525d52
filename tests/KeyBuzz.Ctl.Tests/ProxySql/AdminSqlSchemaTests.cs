using System.Globalization;
using KeyBuzz.Ctl.ProxySql;
using KeyBuzz.Tests.Shared;
using Microsoft.Data.Sqlite;

namespace KeyBuzz.Ctl.Tests.ProxySql;

/// <summary>
/// ProxySQL's admin interface hands these statements to SQLite, so kbctl's admin SQL is run here on
/// SQLite with ProxySQL's own table definitions and CHECK constraints (Fixtures/proxysql-admin): a
/// syntax error, a refused value, a duplicate row or a misspelled variable fails here as it would there.
/// LOAD/SAVE and what the Galera monitor does after a LOAD need a real ProxySQL (LiveProxySqlTests).
/// </summary>
public sealed class AdminSqlSchemaTests : IDisposable
{
    private static readonly ProxySqlSettings Settings = new()
    {
        Cluster = "erp",
        Backends = [("127.0.0.11", 3306, "node1"), ("127.0.0.12", 3306, "node2"), ("127.0.0.13", 3306, "node3")],
        Proxies = [("127.0.0.21", "proxy1"), ("127.0.0.22", "proxy2")],
        AppUsers = [("app", "it's-a-pw"), ("erp_ro", "pw2")],
        MonitorPassword = "mon",
        AdminUser = "radmin",
        AdminPassword = "adm",
        ClusterPassword = "clu",
    };

    private readonly SqliteConnection _admin = new("Data Source=:memory:");

    public AdminSqlSchemaTests()
    {
        _admin.Open();
        Run(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "proxysql-admin", "admin-tables.sql")));
    }

    public void Dispose() => _admin.Dispose();

    [Fact]
    public void Generated_config_runs_on_ProxySQLs_tables_and_every_variable_exists()
    {
        foreach (var statement in AdminSqlRenderer.Statements(Settings).Where(s => !s.StartsWith("LOAD ", StringComparison.Ordinal) && !s.StartsWith("SAVE ", StringComparison.Ordinal)))
        {
            var changed = Run(statement);
            if (statement.StartsWith("UPDATE global_variables", StringComparison.Ordinal))
            {
                Assert.True(changed == 1, $"no such ProxySQL variable: {statement}");
            }
        }

        var state = Read();
        Assert.Equal("127.0.0.11:3306", state.Writer(10));
        Assert.Equal(["10 127.0.0.11:3306 ONLINE 1000", "20 127.0.0.12:3306 ONLINE 900", "20 127.0.0.13:3306 ONLINE 800"], Shapes(state));
        Assert.Equal("it's-a-pw", state.Users.Single(u => u["username"] == "app")["password"]);
        Assert.Equal("radmin:adm;cluster:clu", state.Variables["admin-admin_credentials"]);
        Assert.Equal(["127.0.0.21:6032", "127.0.0.22:6032"], state.ProxySqlServers);
    }

    [Fact]
    public void Apply_on_a_converged_proxy_leaves_tables_that_plan_nothing_more()
    {
        Seed("healthy");
        Assert.Equal("127.0.0.11:3306", Read().Writer(10));

        foreach (var statement in ApplyPlanner.Plan(Settings, Read()).SelectMany(c => c.Statements))
        {
            var changed = Run(statement);
            if (statement.StartsWith("UPDATE global_variables", StringComparison.Ordinal))
            {
                Assert.True(changed == 1, $"no such ProxySQL variable: {statement}");
            }
        }

        var after = Read();
        Assert.Equal("127.0.0.11:3306", after.Writer(10));
        Assert.Empty(ApplyPlanner.Plan(Settings, after));
    }

    [Fact]
    public void Switchover_rows_leave_one_online_writer_the_target_with_the_top_weight()
    {
        Seed("healthy");

        foreach (var statement in ApplyPlanner.Plan(Settings, Read(), writer: "127.0.0.12:3306").Single(c => c.Module == ApplyPlanner.Servers).Statements)
        {
            Run(statement);
        }

        var after = Read();
        Assert.Equal("127.0.0.12:3306", after.Writer(10));
        Assert.Single(after.Servers, r => r.Hostgroup == 10 && r.Status == "ONLINE");
        Assert.Equal(1100, after.Servers.Single(r => r.Hostgroup == 10 && r.Status == "ONLINE").Weight);
        Assert.Equal(["10 127.0.0.11:3306 SHUNNED 1000", "10 127.0.0.12:3306 ONLINE 1100", "10 127.0.0.13:3306 SHUNNED 800", "20 127.0.0.11:3306 ONLINE 1000", "20 127.0.0.13:3306 ONLINE 800"], Shapes(after));
    }

    [Fact]
    public void After_a_failover_apply_pins_the_new_writer_instead_of_failing_back()
    {
        Seed("writer-killed");
        Assert.Equal("127.0.0.12:3306", Read().Writer(10));

        foreach (var statement in ApplyPlanner.Plan(Settings, Read()).SelectMany(c => c.Statements))
        {
            Run(statement);
        }

        var after = Read();
        Assert.Equal("127.0.0.12:3306", after.Writer(10));
        Assert.Equal(1100, after.Servers.Single(r => r.Hostgroup == 10 && r.Status == "ONLINE").Weight);
        Assert.Empty(ApplyPlanner.Plan(Settings, after));
    }

    public static TheoryData<string> RefusedHostgroups => new() { "reader hostgroup 0", "backup writer is the writer", "offline is the reader" };

    private static readonly Dictionary<string, ProxySqlSettings> HostgroupVariants = new()
    {
        ["reader hostgroup 0"] = Settings with { ReaderHostgroup = 0 },
        ["backup writer is the writer"] = Settings with { BackupWriterHostgroup = 10 },
        ["offline is the reader"] = Settings with { OfflineHostgroup = 30 },
    };

    [Theory]
    [MemberData(nameof(RefusedHostgroups))]
    public void Hostgroups_the_validator_refuses_are_those_ProxySQLs_constraints_refuse(string name)
    {
        var settings = HostgroupVariants[name];
        var insert = AdminSqlRenderer.Statements(settings).Single(s => s.StartsWith("INSERT INTO mysql_galera_hostgroups", StringComparison.Ordinal));

        var refused = Assert.Throws<SqliteException>(() => Run(insert));
        Assert.Contains("constraint failed", refused.Message, StringComparison.Ordinal);
        Assert.Contains(ProxySqlValidator.Validate(settings), e => e.Contains("hostgroups must be 4 different", StringComparison.Ordinal));
    }

    private int Run(string sql)
    {
        using var command = _admin.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>Loads a captured runtime_mysql_servers as the proxy's current servers, plus the rest of the config as applied.</summary>
    private void Seed(string state)
    {
        foreach (var row in CaptureTsv.Rows(state, "runtime_mysql_servers"))
        {
            using var command = _admin.CreateCommand();
            command.CommandText = "INSERT INTO mysql_servers (hostgroup_id, hostname, port, status, weight, max_connections, max_latency_ms, comment) VALUES ($hg, $host, $port, $status, $weight, $max, $latency, $comment)";
            foreach (var (name, column) in new[] { ("$hg", "hostgroup_id"), ("$host", "hostname"), ("$port", "port"), ("$status", "status"), ("$weight", "weight"), ("$max", "max_connections"), ("$latency", "max_latency_ms"), ("$comment", "comment") })
            {
                command.Parameters.AddWithValue(name, row[column]);
            }

            command.ExecuteNonQuery();
        }

        foreach (var statement in AdminSqlRenderer.Statements(Settings).Where(s => !s.Contains("mysql_servers", StringComparison.Ordinal) && !s.StartsWith("LOAD ", StringComparison.Ordinal) && !s.StartsWith("SAVE ", StringComparison.Ordinal)))
        {
            Run(statement);
        }
    }

    /// <summary>The tables read back with the columns AdminSession reads from the runtime_* tables.</summary>
    private AdminState Read() => AdminState.From(
        Rows("SELECT hostgroup_id, hostname, port, status, weight, max_connections, max_latency_ms, comment FROM mysql_servers"),
        Rows("SELECT * FROM mysql_galera_hostgroups"),
        Rows("SELECT username, password, default_hostgroup, transaction_persistent, active FROM mysql_users"),
        Rows("SELECT variable_name, variable_value FROM global_variables WHERE variable_name LIKE 'mysql-%' OR variable_name LIKE 'admin-%'"),
        Rows("SELECT hostname, port FROM proxysql_servers"));

    private List<IReadOnlyDictionary<string, string?>> Rows(string sql)
    {
        using var command = _admin.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                // ProxySQL's admin sends every column as text.
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<string> Shapes(AdminState state) =>
        [.. state.Servers.Select(r => $"{r.Hostgroup} {r.Endpoint} {r.Status} {r.Weight}").Order(StringComparer.Ordinal)];
}
