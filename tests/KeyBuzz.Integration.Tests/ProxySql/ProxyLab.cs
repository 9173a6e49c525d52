using KeyBuzz.Contracts.V1;
using KeyBuzz.Integration.Tests.Lab;
using MySqlConnector;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>What the ProxySQL tests ask of the lab's live proxies.</summary>
internal static class ProxyLab
{
    /// <summary>The writer both proxies route to now (host:port), once they agree.</summary>
    public static async Task<string> WriterAsync(KeyBuzzLab lab)
    {
        var status = await Poll.UntilAsync(async () => await lab.StatusAsync() is { } s && lab.Proxies.Agree(s) ? s : null, TimeSpan.FromSeconds(60), "both proxies route to one writer");
        return Proxy(status, 1)!.Writer;
    }

    public static int NodeOf(KeyBuzzLab lab, string endpoint) =>
        Enumerable.Range(1, 3).Single(n => endpoint == $"{lab.Cluster.Address(n)}:3306");

    /// <summary>Proxy P of the lab cluster (other clusters of the collector may have a proxy of that name).</summary>
    public static ProxyStatus? Proxy(StatusReply status, int proxy) =>
        status.Clusters.Where(c => c.Name == "kblab").SelectMany(c => c.Proxies).FirstOrDefault(p => p.Name == $"proxy{proxy}");

    /// <summary>A statement on one proxy's admin interface, as a DBA types it there.</summary>
    public static async Task AdminAsync(KeyBuzzLab lab, int proxy, params string[] statements)
    {
        await using var connection = new MySqlConnection($"Server={lab.Cluster.ProxyAddress(proxy)};Port=6032;User ID=radmin;Password=radmin;Pooling=false;Connection Timeout=3");
        await connection.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new MySqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Which node answers through a proxy's frontend (a new connection).</summary>
    public static async Task<string> AnsweringNodeAsync(KeyBuzzLab lab, int proxy)
    {
        await using var connection = new MySqlConnection(AckedWriter.ConnectionString(lab.Cluster.ProxyAddress(proxy), 6033));
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT @@wsrep_node_name", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<Alert?> FiringAsync(KeyBuzzLab lab, string rule, string? node = null) =>
        (await lab.Operations.GetAlertsAsync(new AlertsRequest { Cluster = lab.Cluster.ClusterName }, deadline: DateTime.UtcNow.AddSeconds(5))).Alerts
            .FirstOrDefault(a => a.Name == rule && a.State == "firing" && (node is null || a.Node == node));

    /// <summary>kbctl proxysql switchover NODE with the lab's inventory and secrets, then EXTRA.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> SwitchoverAsync(KeyBuzzLab lab, string node, params string[] extra) =>
        await Kbctl.RunAsync(lab, ["proxysql", "switchover", node, .. await lab.Proxies.KbctlArgumentsAsync(), .. extra]);

    /// <summary>Both proxies route to <paramref name="endpoint"/>, for 3 s in a row.</summary>
    public static async Task WaitForWriterAsync(KeyBuzzLab lab, string endpoint, TimeSpan timeout)
    {
        DateTime? since = null;
        await Poll.UntilAsync(
            async () =>
            {
                var status = await lab.StatusAsync();
                var both = lab.Proxies.Agree(status) && Proxy(status, 1)!.Writer == endpoint;
                since = both ? since ?? DateTime.UtcNow : null;
                return since is { } s && DateTime.UtcNow - s >= TimeSpan.FromSeconds(3);
            },
            timeout, $"both proxies route to {endpoint}");
    }

    /// <summary>kbctl proxysql ACTION with the lab's inventory and secrets, then EXTRA.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> KbctlAsync(KeyBuzzLab lab, string action, params string[] extra) =>
        await Kbctl.RunAsync(lab, ["proxysql", action, .. await lab.Proxies.KbctlArgumentsAsync(), .. extra]);
}
