using System.Globalization;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Ctl.Output;

/// <summary>The status line about coordination; nothing in single-collector mode (the default needs no words).</summary>
internal static class CoordinatorText
{
    public static string? Line(CoordinatorStatus? c, DateTimeOffset now)
    {
        if (c is null || c.Mode != "etcd")
        {
            return null;
        }

        var replicas = c.Replicas.Count > 0 ? string.Join(", ", c.Replicas) : "none reachable";
        if (c.Leader)
        {
            var since = now - DateTimeOffset.FromUnixTimeMilliseconds(c.LeaderSinceUnixMs);
            return string.Create(CultureInfo.InvariantCulture, $"Coordinator (etcd): {c.Replica} answers and LEADS (elected {Math.Max(0, since.TotalSeconds):0}s ago, fencing token {c.FencingToken}); replicas in etcd: {replicas}");
        }

        return c.Problem.Length > 0
            ? $"Coordinator (etcd): {c.Replica} answers, NO LEADER it can see: {c.Problem}; nothing is coordinated meanwhile (no round, no grant, no command)"
            : $"Coordinator (etcd): {c.Replica} answers as a follower; leader {(c.LeaderName.Length > 0 ? $"{c.LeaderName} at {c.LeaderUrl}" : "being elected")}; replicas in etcd: {replicas}";
    }

    public static CoordinatorJson? Json(CoordinatorStatus? c) => c is null ? null : new(
        c.Mode, c.Replica, c.Leader, c.LeaderName.Length > 0 ? c.LeaderName : null, c.LeaderUrl.Length > 0 ? c.LeaderUrl : null,
        c.LeaderSinceUnixMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(c.LeaderSinceUnixMs) : null,
        c.FencingToken, c.ElectionsWon, [.. c.Replicas], c.Problem.Length > 0 ? c.Problem : null);
}
