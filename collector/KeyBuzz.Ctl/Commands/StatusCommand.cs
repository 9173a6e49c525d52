using System.Globalization;
using System.Text.Json;
using KeyBuzz.Contracts.V1;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Output;

namespace KeyBuzz.Ctl.Commands;

/// <summary>`kbctl status [--cluster NAME] [--json]`: one table per cluster.</summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(CollectorConnection collector, Arguments args, bool json, TextWriter output, CancellationToken cancellationToken)
    {
        var cluster = args.Option("--cluster") ?? string.Empty;
        args.EnsureConsumed(0);
        var client = new Operations.OperationsClient(collector.Channel);
        var reply = await client.GetStatusAsync(new StatusRequest { Cluster = cluster }, headers: collector.Headers, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(ToJson(reply), KbctlJsonContext.Default.StatusJson));
            return ExitCodes.Ok;
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(reply.NowUnixMs);
        if (CoordinatorText.Line(reply.Coordinator, now) is { } coordination)
        {
            await output.WriteLineAsync(coordination);
        }

        if (reply.Clusters.Count == 0)
        {
            await output.WriteLineAsync($"No agent has reported to the collector at {collector.Url} yet.");
            return ExitCodes.Ok;
        }

        // A forked history is the first thing an operator must read, before any table.
        foreach (var forked in reply.Clusters.Where(c => c.Fork.Length > 0))
        {
            await output.WriteLineAsync($"!!! cluster {forked.Name}: {forked.Fork}");
        }

        foreach (var c in reply.Clusters)
        {
            await output.WriteLineAsync($"Cluster {c.Name}");
            var table = new TextTable("NODE", "ROLE", "MARIADB", "CLUSTER", "STATE", "SIZE", "CONF", "LAST_COMMITTED", "RECV_Q", "FC_PAUSED", "LAST_SEEN", "AGENT", "PROBLEM");
            foreach (var n in c.Nodes)
            {
                var seen = now - DateTimeOffset.FromUnixTimeMilliseconds(n.LastSeenUnixMs);
                table.Add(
                    n.Name,
                    n.Role,
                    n.MariadbRunning ? "up" : "down",
                    Or(n.SqlReachable ? n.ClusterStatus : string.Empty),
                    Or(n.SqlReachable ? n.LocalState : string.Empty),
                    n.SqlReachable ? n.ClusterSize.ToString(CultureInfo.InvariantCulture) : "-",
                    n.SqlReachable ? n.ConfId.ToString(CultureInfo.InvariantCulture) : "-",
                    n.SqlReachable ? n.LastCommitted.ToString(CultureInfo.InvariantCulture) : "-",
                    n.SqlReachable ? n.RecvQueue.ToString(CultureInfo.InvariantCulture) : "-",
                    n.HasFlowControlPausedPct ? n.FlowControlPausedPct.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-",
                    $"{Math.Max(0, seen.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture)}s ago",
                    Or(n.AgentVersion),
                    Problems(n));
            }

            await output.WriteAsync(table.Render());
            await output.WriteAsync(ProxyTables(c, now));
            if (c.Recovery.Length > 0)
            {
                await output.WriteLineAsync($"  > {c.Recovery}");
            }

            foreach (var problem in c.Problems)
            {
                await output.WriteLineAsync($"  ! {problem}");
            }

            await output.WriteLineAsync();
        }

        return ExitCodes.Ok;
    }

    internal static StatusJson ToJson(StatusReply reply) =>
        new(reply.Clusters.Select(c => new ClusterJson(
            c.Name,
            [.. c.Problems],
            c.Nodes.Select(n => new NodeJson(
                n.Name, n.Role, n.MariadbRunning, n.SqlReachable, n.ClusterStatus, n.LocalState, n.ClusterSize, n.ConfId,
                n.LastCommitted, n.RecvQueue, n.HasFlowControlPausedPct ? n.FlowControlPausedPct : null,
                DateTimeOffset.FromUnixTimeMilliseconds(n.LastSeenUnixMs), DateTimeOffset.FromUnixTimeMilliseconds(n.SampledAtUnixMs),
                n.Reporting, n.AgentVersion, n.ClusterStateUuid,
                n.Grastate is { } g ? new GrastateJson(g.Present, g.Uuid, g.Seqno, g.SafeToBootstrap, g.Error.Length > 0 ? g.Error : null) : null,
                n.LastSeq, n.DroppedReadings, [.. n.Problems], n.RepairState, n.RepairReason, n.Maintenance,
                n.RecoveredPosition.Length > 0 ? n.RecoveredPosition : null,
                n.ProxysqlRole.Length > 0 ? n.ProxysqlRole : null, n.ProxysqlRoleReason.Length > 0 ? n.ProxysqlRoleReason : null,
                n.Evidence.Length > 0 ? n.Evidence : null)).ToList(),
            c.Recovery.Length > 0 ? c.Recovery : null,
            c.Proxies.Select(p => new ProxyJson(
                p.Name, p.Reporting, DateTimeOffset.FromUnixTimeMilliseconds(p.LastSeenUnixMs), p.WriterHostgroup, p.Writer.Length > 0 ? p.Writer : null,
                [.. p.OnlineWriters], p.Backends.Select(b => new ProxyBackendJson(b.Endpoint, b.Role, b.Status, b.Weight, b.Reason)).ToList(),
                [.. p.Problems], p.Error.Length > 0 ? p.Error : null)).ToList(),
            c.Fork.Length > 0 ? c.Fork : null,
            c.LatestComponent.Length > 0 ? c.LatestComponent : null)).ToList(),
            CoordinatorText.Json(reply.Coordinator));

    /// <summary>Per ProxySQL node: its writer and each backend's role with the reason; then the role each MariaDB node is predicted to get.</summary>
    private static string ProxyTables(ClusterStatus c, DateTimeOffset now)
    {
        if (c.Proxies.Count == 0)
        {
            return string.Empty;
        }

        var text = new System.Text.StringBuilder();
        foreach (var p in c.Proxies)
        {
            var seen = now - DateTimeOffset.FromUnixTimeMilliseconds(p.LastSeenUnixMs);
            text.Append(CultureInfo.InvariantCulture, $"ProxySQL {p.Name}: writer (hostgroup {p.WriterHostgroup}) {(p.Writer.Length > 0 ? p.Writer : "NONE")}, seen {Math.Max(0, seen.TotalSeconds):0.0}s ago{(p.Reporting ? string.Empty : " (NOT REPORTING)")}\n");
            var table = new TextTable("  BACKEND", "ROLE", "STATUS", "WEIGHT", "WHY");
            foreach (var b in p.Backends)
            {
                table.Add("  " + b.Endpoint, b.Role, b.Status, b.Weight.ToString(CultureInfo.InvariantCulture), Or(b.Reason));
            }

            text.Append(table.Render());
            foreach (var problem in p.Problems.Append(p.Error).Where(x => x.Length > 0))
            {
                text.Append(CultureInfo.InvariantCulture, $"  ! {problem}\n");
            }
        }

        var predicted = c.Nodes.Where(n => n.ProxysqlRole.Length > 0).Select(n => $"{n.Name} {Placement(n.ProxysqlRole)} ({n.ProxysqlRoleReason})").ToList();
        if (predicted.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"ProxySQL's monitor will place, from each node's own wsrep readings: {string.Join("; ", predicted)}\n");
        }

        return text.ToString();
    }

    /// <summary>Every healthy node is a writer candidate; only the highest weight becomes the writer, so "writer" would read as several writers.</summary>
    private static string Placement(string role) => role switch
    {
        "writer" => "can be writer",
        "reader" => "reader only",
        _ => role,
    };

    private static string Problems(NodeStatus n)
    {
        var parts = n.Problems.ToList();
        if (n.Maintenance)
        {
            parts.Insert(0, "MAINTENANCE");
        }

        if (n.RepairState is "crashed" or "waiting" or "restarting" or "bootstrapping" or "starting")
        {
            parts.Add($"repair {n.RepairState}: {n.RepairReason}");
        }

        if (n.Evidence.Length > 0)
        {
            parts.Add($"position: {n.Evidence}");
        }

        return parts.Count == 0 ? "-" : string.Join("; ", parts);
    }

    private static string Or(string value) => value.Length == 0 ? "-" : value;
}
