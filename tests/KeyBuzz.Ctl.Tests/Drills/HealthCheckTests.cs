using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Drills;

namespace KeyBuzz.Ctl.Tests.Drills;

public sealed class HealthCheckTests
{
    private static NodeStatus Synced(string name) => new() { Name = name, Reporting = true, MariadbRunning = true, ClusterStatus = "Primary", LocalState = "Synced", ClusterSize = 3 };

    private static ClusterStatus Cluster(params NodeStatus[] nodes)
    {
        var c = new ClusterStatus { Name = "erp" };
        c.Nodes.AddRange(nodes);
        return c;
    }

    private static ClusterStatus WithProxy(ProxyStatus proxy)
    {
        var c = Cluster(Synced("node1"), Synced("node2"), Synced("node3"));
        c.Proxies.Add(proxy);
        return c;
    }

    private static readonly Dictionary<string, (ClusterStatus Cluster, Alert[] Alerts)> Inputs = new()
    {
        ["healthy proxy"] = (WithProxy(new ProxyStatus { Name = "proxy1", Reporting = true, Writer = "10.0.0.11:3306" }), []),
        ["proxy without writer"] = (WithProxy(new ProxyStatus { Name = "proxy1", Reporting = true }), []),
        ["proxy not reporting"] = (WithProxy(new ProxyStatus { Name = "proxy1", Reporting = false, Writer = "10.0.0.11:3306", Problems = { "not reporting for 30 s" } }), []),
        ["healthy"] = (Cluster(Synced("node1"), Synced("node2"), Synced("node3")), []),
        ["donor node"] = (Cluster(Synced("node1"), new NodeStatus(Synced("node2")) { LocalState = "Donor/Desynced" }, Synced("node3")), []),
        ["node down"] = (Cluster(Synced("node1"), new NodeStatus(Synced("node2")) { MariadbRunning = false, ClusterStatus = "", LocalState = "", ClusterSize = 0, Problems = { "mariadbd down" } }, Synced("node3")), []),
        ["shrunk view"] = (Cluster(new NodeStatus(Synced("node1")) { ClusterSize = 2 }, Synced("node2"), Synced("node3")), []),
        ["warning alert"] = (Cluster(Synced("node1"), Synced("node2"), Synced("node3")), [new Alert { Name = "GaleraRecvQueueHigh", State = "firing", Severity = "warning", Summary = "queue" }]),
        ["critical alert"] = (Cluster(Synced("node1"), Synced("node2"), Synced("node3")), [new Alert { Name = "GaleraSplitView", State = "firing", Severity = "critical", Summary = "split" }]),
        ["pending critical alert"] = (Cluster(Synced("node1"), Synced("node2"), Synced("node3")), [new Alert { Name = "GaleraSplitView", State = "pending", Severity = "critical", Summary = "split" }]),
    };

    public static TheoryData<string, int, string?> Cases => new()
    {
        { "healthy", 0, null },
        { "healthy proxy", 0, null },
        { "proxy without writer", 1, null },
        { "proxy not reporting", 1, null },
        { "donor node", 1, "node2: Primary/Donor/Desynced" },
        { "node down", 1, "node2: mariadbd down" },
        { "shrunk view", 1, "node1: sees a cluster of 2, 3 nodes known" },
        { "warning alert", 1, null },
        { "critical alert", 1, "alert GaleraSplitView" },
        { "pending critical alert", 0, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Health_lines_count_problems_and_say_what_blocks_a_drill(string name, int problems, string? refusal)
    {
        var (cluster, alerts) = Inputs[name];
        var lines = HealthCheck.Lines(cluster, alerts);
        Assert.Equal(problems, lines.Count(l => !l.Ok));
        if (refusal is null)
        {
            Assert.Null(HealthCheck.Refusal(lines));
        }
        else
        {
            Assert.Contains(refusal, HealthCheck.Refusal(lines), StringComparison.Ordinal);
        }
    }
}
