using KeyBuzz.Collector.Core.ProxySql;

namespace KeyBuzz.Collector.Core.Tests.ProxySql;

public sealed class RoutingViewTests
{
    private const string Node1 = "127.0.0.11:3306";
    private const string Node2 = "127.0.0.12:3306";
    private const string Node3 = "127.0.0.13:3306";

    /// <summary>state, expected writer (null: none), an offline node (or null) and the reason shown for it.</summary>
    public static TheoryData<string, string?, string?, string?> States => new()
    {
        { "healthy", Node1, null, null },
        { "writer-killed", Node2, Node1, "health check failed: timeout or error in creating new connection" },
        { "writer-killed/proxy2", Node2, Node1, "health check failed" },
        { "writer-back", Node1, null, null },
        { "partitioned", Node2, Node1, "not in the Primary component (primary_partition=NO)" },
        { "desynced", Node2, Node1, "desynced (wsrep_desync=ON)" },
        { "desynced/after-off", Node1, null, null },
        { "donor", Node1, Node3, "health check failed: timeout or error in creating new connection: Can't connect to server on '127.0.0.13'" },
        { "all-down", null, Node1, "health check failed" },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Captured_state_gives_the_writer_and_why_nodes_were_moved(string state, string? writer, string? offline, string? reason)
    {
        var view = RoutingViewBuilder.Build(Captures.Snapshot(state));

        Assert.Equal(writer, view.Writer);
        Assert.True(view.OnlineWriters.Count <= 1, $"{state}: {string.Join(", ", view.OnlineWriters)}");
        if (offline is not null)
        {
            var route = Assert.Single(view.Backends, b => b.Endpoint == offline);
            Assert.Equal(BackendRoute.Offline, route.Role);
            Assert.Contains(reason!, route.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(view.Backends, b => b.Role == BackendRoute.Offline);
        }
    }

    [Fact]
    public void Healthy_standbys_are_backups_and_nothing_is_wrong()
    {
        var view = RoutingViewBuilder.Build(Captures.Snapshot("healthy"));

        Assert.Empty(view.Problems);
        Assert.Equal([BackendRoute.Writer, BackendRoute.Backup, BackendRoute.Backup], view.Backends.Select(b => b.Role));
        Assert.All(view.Backends, b => Assert.Equal("healthy", b.Reason));
    }

    [Fact]
    public void A_donor_that_still_serves_stays_a_backup_and_says_why()
    {
        var donor = Assert.Single(RoutingViewBuilder.Build(Captures.Snapshot("donor")).Backends, b => b.Endpoint == Node2);

        Assert.Equal(BackendRoute.Backup, donor.Role);
        Assert.Contains("donor for a state transfer, still serving", donor.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void No_writer_is_a_problem_named_plainly()
    {
        var view = RoutingViewBuilder.Build(Captures.Snapshot("all-down"));

        Assert.Contains(view.Problems, p => p.StartsWith("no ONLINE writer in hostgroup 10", StringComparison.Ordinal));
        Assert.All(view.Backends, b => Assert.Equal("SHUNNED", b.Status));
    }

    [Fact]
    public void Both_proxies_agree_on_the_writer_in_every_captured_state_with_two_captures()
    {
        foreach (var state in new[] { "writer-killed", "writer-back", "partitioned", "desynced", "donor", "all-down" })
        {
            Assert.True(
                RoutingViewBuilder.Build(Captures.Snapshot(state)).Writer == RoutingViewBuilder.Build(Captures.Snapshot(state + "/proxy2")).Writer,
                state);
        }
    }

    public static TheoryData<string, string> Synthetic => new()
    {
        { "two ONLINE writers", "2 ONLINE writers in hostgroup 10" },
        { "sessions on a shunned writer", "session(s) still use the old writer 127.0.0.11:3306 (SHUNNED)" },
        { "monitor cannot log in", "the monitor user cannot log in to any node" },
        { "no galera hostgroups", "no active mysql_galera_hostgroups row: ProxySQL's Galera monitor does not manage the writer" },
    };

    [Theory]
    [MemberData(nameof(Synthetic))]
    public void Dangerous_routings_are_named(string name, string problem)
    {
        var servers = new List<ProxyServer>
        {
            new(10, "127.0.0.11", 3306, name == "two ONLINE writers" ? "ONLINE" : "SHUNNED", 1000, 1000, 0, ""),
            new(10, "127.0.0.12", 3306, "ONLINE", 900, 1000, 0, ""),
        };
        var pool = name == "sessions on a shunned writer" ? new List<PoolEntry> { new(10, "127.0.0.11", 3306, "SHUNNED", 3, 0, 10, 0, 100, 200) } : [];
        var log = name == "monitor cannot log in"
            ? new List<GaleraCheck>
            {
                new("127.0.0.11", 3306, 1, 0, "NO", "YES", 0, 0, "YES", "YES", "YES", "Access denied for user 'monitor'@'127.0.0.21' (using password: YES)"),
                new("127.0.0.12", 3306, 1, 0, "NO", "YES", 0, 0, "YES", "YES", "YES", "Access denied for user 'monitor'@'127.0.0.21' (using password: YES)"),
            }
            : [];

        var view = RoutingViewBuilder.Build(new ProxySnapshot(servers, [], pool, log, new Dictionary<string, long>()));

        Assert.Contains(view.Problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_column_is_named()
    {
        var rows = new List<IReadOnlyDictionary<string, string?>> { new Dictionary<string, string?> { ["hostgroup_id"] = "10", ["hostname"] = "h" } };

        var error = Assert.Throws<FormatException>(() => AdminRows.Servers(rows));
        Assert.Equal("runtime_mysql_servers row 1: column port is missing or NULL", error.Message);
    }
}
