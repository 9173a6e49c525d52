using KeyBuzz.Collector.Core.ProxySql;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Collector.ProxySql;

/// <summary>The routing view of each ProxySQL node, and the role ProxySQL will give each MariaDB node, for `kbctl status`.</summary>
internal static class ProxyStatusMapping
{
    public static void AddTo(ClusterStatus cluster, ProxyViewStore proxies, DateTimeOffset now, int missedIntervals, IReadOnlyDictionary<string, Core.Readings.NodeReading> galeraNodes)
    {
        var observed = proxies.Proxies(cluster.Name);
        foreach (var o in observed)
        {
            var routing = o.Routing;
            var status = new ProxyStatus
            {
                Name = o.Proxy,
                Reporting = now - o.LastSeen <= o.Interval * missedIntervals,
                LastSeenUnixMs = o.LastSeen.ToUnixTimeMilliseconds(),
                Writer = routing.Writer ?? string.Empty,
                WriterHostgroup = routing.WriterHostgroup,
                Error = proxies.Error(cluster.Name, o.Proxy) ?? string.Empty,
            };
            status.OnlineWriters.AddRange(routing.OnlineWriters);
            status.Backends.AddRange(routing.Backends.Select(b => new ProxyBackend { Endpoint = b.Endpoint, Role = b.Role, Status = b.Status, Weight = b.Weight, Reason = b.Reason }));
            status.Problems.AddRange(routing.Problems);
            if (!status.Reporting)
            {
                status.Problems.Insert(0, $"not reporting for {(now - o.LastSeen).TotalSeconds:0} s");
            }

            cluster.Proxies.Add(status);
        }

        var writers = cluster.Proxies.Where(p => p.Reporting).Select(p => $"{p.Name} -> {(p.Writer.Length > 0 ? p.Writer : "none")}").ToList();
        if (cluster.Proxies.Where(p => p.Reporting).Select(p => p.Writer).Distinct(StringComparer.Ordinal).Count() > 1)
        {
            cluster.Problems.Add($"ProxySQL nodes disagree on the writer ({string.Join(", ", writers)}): clients of each proxy write to a different node");
        }

        var maxBehind = observed.SelectMany(o => o.Snapshot.Hostgroups).Select(h => (long?)h.MaxTransactionsBehind).FirstOrDefault();
        if (maxBehind is null)
        {
            return;
        }

        foreach (var node in cluster.Nodes)
        {
            if (galeraNodes.TryGetValue(node.Name, out var reading))
            {
                var predicted = RolePredictor.Predict(reading, maxBehind.Value);
                node.ProxysqlRole = predicted.Role;
                node.ProxysqlRoleReason = predicted.Reason;
            }
        }
    }
}
