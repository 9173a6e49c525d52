using KeyBuzz.Collector.Core.ProxySql;
using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Tests.ProxySql;

public sealed class RolePredictorTests
{
    private static NodeReading Node(string status = "Primary", string state = "4", string comment = "Synced", string queue = "0", string desync = "OFF", string readOnly = "OFF", string reject = "NONE", string donorRejects = "OFF", bool sql = true) =>
        new("i", 1, Readings.T0, 0, true, sql,
            new Dictionary<string, string> { ["wsrep_cluster_status"] = status, ["wsrep_local_state"] = state, ["wsrep_local_state_comment"] = comment, ["wsrep_local_recv_queue"] = queue },
            new Dictionary<string, string> { ["wsrep_desync"] = desync, ["read_only"] = readOnly, ["wsrep_reject_queries"] = reject, ["wsrep_sst_donor_rejects_queries"] = donorRejects },
            null, []);

    public static TheoryData<string, NodeReading, string, string> Cases => new()
    {
        { "synced writable node", Node(), BackendRoute.Writer, "writer candidate" },
        { "SQL down", Node(sql: false), BackendRoute.Offline, "does not answer" },
        { "non-Primary", Node(status: "non-Primary"), BackendRoute.Offline, "wsrep_cluster_status=non-Primary" },
        { "desync on", Node(desync: "ON"), BackendRoute.Offline, "wsrep_desync=ON" },
        { "joiner", Node(state: "1", comment: "Joining"), BackendRoute.Offline, "wsrep_local_state=1 (Joining)" },
        { "donor still serving", Node(state: "2", comment: "Donor/Desynced"), BackendRoute.Writer, "writer candidate" },
        { "donor rejecting", Node(state: "2", comment: "Donor/Desynced", donorRejects: "ON"), BackendRoute.Offline, "wsrep_local_state=2" },
        { "reject queries", Node(reject: "ALL"), BackendRoute.Offline, "wsrep_reject_queries=ALL" },
        { "read-only, no lag", Node(readOnly: "ON"), BackendRoute.Reader, "read_only=ON" },
        { "read-only, lagging", Node(readOnly: "ON", queue: "300"), BackendRoute.Offline, "receive queue 300 > max_transactions_behind 256" },
        { "a writer's queue is never checked", Node(queue: "5000"), BackendRoute.Writer, "writer candidate" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ProxySQL_rules_apply_in_order(string name, NodeReading node, string role, string reason)
    {
        var predicted = RolePredictor.Predict(node, maxTransactionsBehind: 256);

        Assert.True(role == predicted.Role, $"{name}: {predicted}");
        Assert.Contains(reason, predicted.Reason, StringComparison.Ordinal);
    }
}
