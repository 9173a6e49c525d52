using MySqlConnector;

namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>
/// The invariants every recovery must keep, asked of the nodes themselves (not of the collector):
/// every node that serves queries has every acknowledged write, and one history accepts writes.
/// Each returns what is violated, in words (empty: nothing). Shared by the scenario tests and the chaos runner.
/// </summary>
internal static class LabInvariants
{
    /// <summary>Nodes that answer SQL and say wsrep_ready=ON: they accept queries.</summary>
    public static async Task<IReadOnlyList<int>> ServingNodesAsync(LabCluster cluster)
    {
        var serving = new List<int>();
        foreach (var node in new[] { 1, 2, 3 })
        {
            if (await StatusAsync(cluster, node) is { } status && status.GetValueOrDefault("wsrep_ready") == "ON")
            {
                serving.Add(node);
            }
        }

        return serving;
    }

    /// <summary>Acknowledged writes missing on a serving node (after it had time to apply what it received).</summary>
    public static async Task<IReadOnlyList<string>> MissingAckedWritesAsync(LabCluster cluster, IReadOnlyCollection<long> acked)
    {
        var violations = new List<string>();
        foreach (var node in await ServingNodesAsync(cluster))
        {
            IReadOnlyList<long> missing = [];
            try
            {
                await Poll.UntilAsync(async () => (missing = await AckedWriter.MissingOnAsync(cluster.Address(node), acked)).Count == 0, TimeSpan.FromSeconds(30), $"node{node} has every acknowledged write");
            }
            catch (TimeoutException)
            {
                violations.Add($"node{node} serves queries (wsrep_ready=ON) but misses {missing.Count} of {acked.Count} acknowledged writes (first: {string.Join(", ", missing.Take(5))}): a forked or rewound history");
            }
        }

        return violations;
    }

    /// <summary>Primary nodes that disagree on the cluster state UUID or conf_id: two histories accepting writes.</summary>
    public static async Task<string?> SecondHistoryAsync(LabCluster cluster)
    {
        var views = new Dictionary<int, string>();
        foreach (var node in new[] { 1, 2, 3 })
        {
            if (await StatusAsync(cluster, node) is { } status && status.GetValueOrDefault("wsrep_cluster_status") == "Primary")
            {
                views[node] = $"{status.GetValueOrDefault("wsrep_cluster_state_uuid")} conf {status.GetValueOrDefault("wsrep_cluster_conf_id")}";
            }
        }

        return views.Values.Distinct(StringComparer.Ordinal).Count() > 1
            ? "more than one Primary history accepts writes: " + string.Join("; ", views.Select(v => $"node{v.Key} {v.Value}"))
            : null;
    }

    private static async Task<Dictionary<string, string>?> StatusAsync(LabCluster cluster, int node)
    {
        try
        {
            await using var connection = new MySqlConnection(AckedWriter.ConnectionString(cluster.Address(node)));
            await connection.OpenAsync();
            await using var command = new MySqlCommand("SELECT LOWER(VARIABLE_NAME), VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('WSREP_READY', 'WSREP_CLUSTER_STATUS', 'WSREP_CLUSTER_STATE_UUID', 'WSREP_CLUSTER_CONF_ID')", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            while (await reader.ReadAsync())
            {
                values[reader.GetString(0)] = reader.GetString(1);
            }

            return values;
        }
        catch (MySqlException)
        {
            return null;
        }
    }
}
