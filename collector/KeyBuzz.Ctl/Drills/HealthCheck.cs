using System.Globalization;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Ctl.Drills;

/// <summary>One line per node (and per proxy once ProxySQL reports), from the collector's status and alerts; any problem fails the check.</summary>
internal static class HealthCheck
{
    /// <param name="BlocksDrill">A drill refuses to start on this problem (node problems and critical alerts; a warning alone does not).</param>
    public sealed record Line(string Subject, bool Ok, string Text, bool BlocksDrill);

    public static IReadOnlyList<Line> Lines(ClusterStatus cluster, IEnumerable<Alert> alerts)
    {
        var lines = new List<Line>();
        var size = cluster.Nodes.Count;
        foreach (var n in cluster.Nodes)
        {
            var problems = new List<string>(n.Problems);
            if (!n.Reporting && problems.Count == 0)
            {
                problems.Add("not reporting");
            }

            if (n.Reporting && n.MariadbRunning && (n.ClusterStatus != "Primary" || n.LocalState != "Synced") && problems.Count == 0)
            {
                problems.Add($"{n.ClusterStatus}/{n.LocalState}");
            }

            if (n.ClusterSize > 0 && n.ClusterSize < size && problems.Count == 0)
            {
                problems.Add($"sees a cluster of {n.ClusterSize}, {size} nodes known");
            }

            if (n.Maintenance)
            {
                problems.Add("in maintenance");
            }

            lines.Add(new Line(n.Name, problems.Count == 0, problems.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{n.ClusterStatus}/{n.LocalState}, size {n.ClusterSize}/{size}, recv queue {n.RecvQueue}, flow control {n.FlowControlPausedPct:0.#}%")
                : string.Join("; ", problems), problems.Count > 0));
        }

        foreach (var a in alerts.Where(a => a.State == "firing" && a.Severity != "info"))
        {
            lines.Add(new Line($"alert {a.Name}", false, $"{a.Severity} firing{(a.Node.Length > 0 ? $" on {a.Node}" : string.Empty)}: {a.Summary}", a.Severity == "critical"));
        }

        foreach (var p in cluster.Proxies)
        {
            var problems = p.Problems.Append(p.Error).Where(x => x.Length > 0).ToList();
            if (p.Reporting && p.Writer.Length == 0 && problems.Count == 0)
            {
                problems.Add("no writer");
            }

            lines.Add(new Line($"proxysql {p.Name}", problems.Count == 0,
                problems.Count == 0 ? $"writer {p.Writer}, {p.Backends.Count} backends" : string.Join("; ", problems), false));
        }

        if (cluster.Proxies.Count == 0)
        {
            lines.Add(new Line("proxysql", true, "no ProxySQL node reports for this cluster (checked when present)", false));
        }
        return lines;
    }

    /// <summary>Why a drill must not start, or null: every node Synced at full size and no critical alert.</summary>
    public static string? Refusal(IReadOnlyList<Line> lines)
    {
        var bad = lines.Where(l => l.BlocksDrill).Select(l => $"{l.Subject}: {l.Text}").ToList();
        return bad.Count == 0 ? null : string.Join("; ", bad);
    }
}
