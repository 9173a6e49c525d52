using KeyBuzz.Ctl.ProxySql;
using KeyBuzz.Tests.Shared;

namespace KeyBuzz.Ctl.Tests.ProxySql;

public sealed class ApplyPlannerTests
{
    private static readonly ProxySqlSettings Settings = new()
    {
        Cluster = "erp",
        Backends = [("127.0.0.11", 3306, "node1"), ("127.0.0.12", 3306, "node2"), ("127.0.0.13", 3306, "node3")],
        Proxies = [("127.0.0.21", "proxy1"), ("127.0.0.22", "proxy2")],
        AppUsers = [("app", "app-pw")],
        MonitorPassword = "mon",
        AdminUser = "radmin",
        AdminPassword = "adm",
        ClusterPassword = "clu",
    };

    private static Dictionary<string, string?> Row(params (string Key, string? Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    /// <summary>A proxy that runs exactly the desired config, converged by its Galera monitor, with the writer given.</summary>
    private static AdminState Converged(string writer, Func<string, string, string>? variable = null, string? storedPassword = null) => new(
        ServerLayout.Mirrored(Settings, writer),
        [Row(("writer_hostgroup", "10"), ("backup_writer_hostgroup", "20"), ("reader_hostgroup", "30"), ("offline_hostgroup", "9999"), ("active", "1"), ("max_writers", "1"), ("writer_is_also_reader", "0"), ("max_transactions_behind", "256"))],
        [Row(("username", "app"), ("password", storedPassword ?? ApplyPlanner.NativeHash("app-pw")), ("default_hostgroup", "10"), ("transaction_persistent", "1"), ("active", "1"))],
        AdminSqlRenderer.Variables(Settings).ToDictionary(v => v.Name, v => variable?.Invoke(v.Name, v.Value) ?? v.Value),
        ["127.0.0.21:6032", "127.0.0.22:6032"]);

    private static readonly AdminState Empty = new([], [], [], new Dictionary<string, string>(), []);

    [Fact]
    public void Fresh_proxy_gets_every_module_with_only_the_preferred_writer_in_the_writer_hostgroup()
    {
        var plan = ApplyPlanner.Plan(Settings, Empty);
        // Variables first: the monitor's login and sync algorithm 2 must be live before any server is loaded.
        Assert.Equal([ApplyPlanner.MysqlVariables, ApplyPlanner.AdminVariables, ApplyPlanner.Users, ApplyPlanner.Servers, ApplyPlanner.ProxySqlServers], plan.Select(c => c.Module));
        var insert = plan.Single(c => c.Module == ApplyPlanner.Servers).Statements[1];
        Assert.Contains("(10, '127.0.0.11', 3306, 'ONLINE', 1000", insert, StringComparison.Ordinal);
        Assert.Contains("(20, '127.0.0.12', 3306, 'ONLINE', 900", insert, StringComparison.Ordinal);
        Assert.DoesNotContain("(10, '127.0.0.12'", insert, StringComparison.Ordinal);
    }

    [Fact]
    public void Second_apply_changes_nothing() => Assert.Empty(ApplyPlanner.Plan(Settings, Converged("127.0.0.11:3306")));

    [Fact]
    public void Mirrored_layout_is_the_runtime_ProxySQL_converged_to_in_the_real_capture()
    {
        var captured = AdminState.From(CaptureTsv.Rows("healthy", "runtime_mysql_servers"), [], [], [], []).Servers;
        static string Shape(ServerRow r) => $"{r.Hostgroup} {r.Endpoint} {r.Status} {r.Weight} {r.MaxConnections} {r.MaxLatencyMs}";
        Assert.Equal(captured.Select(Shape).Order(), ServerLayout.Mirrored(Settings, "127.0.0.11:3306").Select(Shape).Order());
    }

    [Fact]
    public void A_value_ProxySQL_reset_is_the_only_change_and_is_named()
    {
        var plan = ApplyPlanner.Plan(Settings, Converged("127.0.0.11:3306", (name, value) => name == "mysql-monitor_galera_healthcheck_interval" ? "2000" : value));
        var change = Assert.Single(plan);
        Assert.Equal(ApplyPlanner.MysqlVariables, change.Module);
        Assert.Equal(["mysql-monitor_galera_healthcheck_interval: '2000' -> '1000'"], change.Differences);
    }

    [Fact]
    public void A_writer_after_failover_is_kept_and_pinned_above_the_preferred_weight_so_ProxySQL_does_not_fail_back()
    {
        var afterFailover = Converged("127.0.0.11:3306") with { Servers = [.. ServerLayout.Mirrored(Settings, "127.0.0.12:3306").Select(r => r.Weight == 1100 ? r with { Weight = 900 } : r)] };
        var change = Assert.Single(ApplyPlanner.Plan(Settings, afterFailover));
        Assert.Contains("(10, '127.0.0.12', 3306, 'ONLINE', 1100", change.Statements[1], StringComparison.Ordinal);
        Assert.Contains("(10, '127.0.0.11', 3306, 'SHUNNED', 1000", change.Statements[1], StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_failover_with_the_old_writer_still_down_apply_pins_the_new_writer_and_leaves_the_offline_node_to_the_monitor()
    {
        // The shape of the real runtime after the writer node1 was killed (capture writer-killed): node1 only in the
        // offline hostgroup, node2 the writer at its own weight, node3 a standby.
        var killed = Converged("127.0.0.11:3306") with
        {
            Servers = [.. ServerLayout.Mirrored(Settings, "127.0.0.12:3306", pinWriter: false).Where(r => r.Endpoint != "127.0.0.11:3306"), new ServerRow(9999, "127.0.0.11", 3306, "SHUNNED", 1000, 1000, 0, "node1 preferred writer")],
        };
        Assert.Equal(
            CaptureTsv.Rows("writer-killed", "runtime_mysql_servers").Select(r => $"{r["hostgroup_id"]} {r["hostname"]} {r["status"]}").Order(),
            killed.Servers.Select(r => $"{r.Hostgroup} {r.Host} {r.Status}").Order());
        Assert.Null(ApplyRunner.Refusal("proxy1", Settings, killed, new ApplyTarget(null, false, false)));

        var change = Assert.Single(ApplyPlanner.Plan(Settings, killed));
        Assert.Contains("(10, '127.0.0.12', 3306, 'ONLINE', 1100", change.Statements[1], StringComparison.Ordinal);
        Assert.DoesNotContain(change.Differences, d => d.Contains("127.0.0.11", StringComparison.Ordinal));
        Assert.Contains("not verified", Assert.Single(ApplyRunner.Unverified("proxy1", Settings, killed)), StringComparison.Ordinal);
        // Once pinned, the same runtime needs nothing more while node1 is away.
        var pinned = killed with { Servers = [.. killed.Servers.Select(r => r.Endpoint == "127.0.0.12:3306" && r.Hostgroup == 10 ? r with { Weight = 1100 } : r)] };
        Assert.Empty(ApplyPlanner.Plan(Settings, pinned));
        Assert.Contains("cannot be the writer", ApplyRunner.Refusal("proxy1", Settings, killed, new ApplyTarget("127.0.0.11:3306", true, false)), StringComparison.Ordinal);
    }

    [Fact]
    public void Right_after_the_load_a_down_node_shunned_in_the_backup_writer_hostgroup_is_still_left_to_the_monitor()
    {
        // What a real ProxySQL shows just after LOAD MYSQL SERVERS with node1 down: its rows are back in the writer
        // (SHUNNED) and backup-writer (SHUNNED) hostgroups until the monitor moves it to the offline one.
        var pinned = Converged("127.0.0.11:3306") with
        {
            Servers = [.. ServerLayout.Mirrored(Settings, "127.0.0.12:3306").Select(r => r.Endpoint == "127.0.0.11:3306" ? r with { Status = "SHUNNED" } : r)],
        };
        Assert.Equal(["127.0.0.11:3306"], ApplyPlanner.Offline(Settings, pinned));
        Assert.Empty(ApplyPlanner.Plan(Settings, pinned));
        // A standby we wrote SHUNNED in the writer hostgroup only is not unavailable: its rows are still compared.
        Assert.Empty(ApplyPlanner.Offline(Settings, Converged("127.0.0.11:3306")));
    }

    [Fact]
    public void Allow_failback_keeps_the_configured_weights_so_ProxySQL_fails_back_by_itself()
    {
        var afterFailover = Converged("127.0.0.11:3306") with { Servers = [.. ServerLayout.Mirrored(Settings, "127.0.0.12:3306", pinWriter: false)] };
        Assert.Empty(ApplyPlanner.Plan(Settings, afterFailover, allowFailback: true));
        Assert.Single(ApplyPlanner.Plan(Settings, afterFailover)); // default: pin it
    }

    [Fact]
    public void Switchover_writes_the_mirrored_layout_with_the_new_writer_on_top()
    {
        var change = Assert.Single(ApplyPlanner.Plan(Settings, Converged("127.0.0.11:3306"), writer: "127.0.0.13:3306", switchover: true));
        Assert.Equal(ApplyPlanner.Servers, change.Module);
        var insert = change.Statements[1];
        Assert.Contains("(10, '127.0.0.13', 3306, 'ONLINE', 1100", insert, StringComparison.Ordinal);
        Assert.Contains("(20, '127.0.0.11', 3306, 'ONLINE', 1000", insert, StringComparison.Ordinal);
        Assert.DoesNotContain("(20, '127.0.0.13'", insert, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rebuilt_empty_proxy_joins_the_writer_its_peer_uses_instead_of_its_own_preferred_node()
    {
        var servers = ApplyPlanner.Plan(Settings, Empty, writer: "127.0.0.12:3306").Single(c => c.Module == ApplyPlanner.Servers).Statements[1];
        Assert.Contains("(10, '127.0.0.12', 3306, 'ONLINE', 1100", servers, StringComparison.Ordinal);
        Assert.Contains("(10, '127.0.0.11', 3306, 'SHUNNED', 1000", servers, StringComparison.Ordinal);
    }

    [Fact]
    public void Admin_credentials_keep_every_other_user_and_only_set_ours()
    {
        var live = Converged("127.0.0.11:3306", (name, value) => name == "admin-admin_credentials" ? "admin:admin;radmin:old;ops:x" : value);
        var change = Assert.Single(ApplyPlanner.Plan(Settings, live));
        Assert.Equal("UPDATE global_variables SET variable_value = 'admin:admin;radmin:adm;ops:x;cluster:clu' WHERE variable_name = 'admin-admin_credentials'", Assert.Single(change.Statements));
        Assert.Equal("admin:admin;radmin:adm;ops:x;cluster:clu", ApplyPlanner.MergeCredentials("admin:admin;radmin:old;ops:x", "radmin:adm;cluster:clu"));
    }

    public static TheoryData<string, string?> Refusals => new()
    {
        { "apply on a converged proxy", null },
        { "switchover to a healthy standby", null },
        { "switchover with sync algorithm 1", "admin-cluster_mysql_servers_sync_algorithm=1" },
        { "switchover to a node not in the inventory", "is not ONLINE in hostgroup 20 or 10" },
        { "apply with three ONLINE writers", "has 3 ONLINE writers in hostgroup 10 now: nothing written" },
        { "apply on a proxy left without a writer (wrong monitor password)", null },
        { "apply with the agreed writer shunned on this proxy", null },
        { "switchover to a node in the offline hostgroup", "cannot be the writer now" },
    };

    private static readonly Dictionary<string, (AdminState State, ApplyTarget Target)> RefusalCases = new()
    {
        ["apply on a converged proxy"] = (Converged("127.0.0.11:3306"), new ApplyTarget(null, false, false)),
        ["switchover to a healthy standby"] = (Converged("127.0.0.11:3306"), new ApplyTarget("127.0.0.12:3306", true, false)),
        ["switchover with sync algorithm 1"] = (Converged("127.0.0.11:3306", (n, v) => n == "admin-cluster_mysql_servers_sync_algorithm" ? "1" : v), new ApplyTarget("127.0.0.12:3306", true, false)),
        ["switchover to a node not in the inventory"] = (Converged("127.0.0.11:3306"), new ApplyTarget("127.0.0.99:3306", true, false)),
        ["apply with three ONLINE writers"] = (Converged("127.0.0.11:3306") with { Servers = [.. ServerLayout.Mirrored(Settings, "127.0.0.11:3306").Select(r => r with { Status = "ONLINE" })] }, new ApplyTarget(null, false, false)),
        ["apply on a proxy left without a writer (wrong monitor password)"] = (Converged("127.0.0.11:3306") with { Servers = [.. ServerLayout.Mirrored(Settings, "127.0.0.11:3306").Select(r => r with { Hostgroup = 9999, Status = "ONLINE" }).DistinctBy(r => r.Endpoint)] }, new ApplyTarget(null, false, false)),
        // The other proxy still routes to node1; this one's monitor has just shunned it: written as both run it, not refused.
        ["apply with the agreed writer shunned on this proxy"] = (Converged("127.0.0.11:3306") with { Servers = [.. ServerLayout.Mirrored(Settings, "127.0.0.12:3306").Select(r => r.Endpoint == "127.0.0.11:3306" ? r with { Status = "SHUNNED" } : r)] }, new ApplyTarget("127.0.0.11:3306", false, false)),
        ["switchover to a node in the offline hostgroup"] = (Converged("127.0.0.11:3306") with { Servers = [.. ServerLayout.Mirrored(Settings, "127.0.0.11:3306").Select(r => r.Endpoint == "127.0.0.12:3306" ? r with { Hostgroup = 9999 } : r).DistinctBy(r => (r.Hostgroup, r.Endpoint))] }, new ApplyTarget("127.0.0.12:3306", true, false)),
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Unsafe_moments_are_refused_before_anything_is_written(string name, string? expected)
    {
        var (state, target) = RefusalCases[name];
        var refusal = ApplyRunner.Refusal("proxy1", Settings, state, target);
        if (expected is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Contains(expected, refusal, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("app-pw", false)]
    [InlineData("wrong", true)]
    public void Stored_passwords_are_compared_clear_or_hashed(string stored, bool differs)
    {
        Assert.Empty(ApplyPlanner.Plan(Settings, Converged("127.0.0.11:3306", storedPassword: ApplyPlanner.NativeHash("app-pw"))));
        Assert.Equal(differs, ApplyPlanner.Plan(Settings, Converged("127.0.0.11:3306", storedPassword: stored)).Any(c => c.Module == ApplyPlanner.Users));
    }

    [Fact]
    public void Native_hash_is_the_mysql_one() => Assert.Equal("*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19", ApplyPlanner.NativeHash("password"));
}
