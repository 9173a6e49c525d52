using KeyBuzz.Contracts.V1;
using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Recovery;

/// <summary>Assertions shared by the recovery scenarios.</summary>
internal static class Scenario
{
    public static async Task AssertNoAckedWriteLostAsync(KeyBuzzLab lab, AckedWriter writer, IEnumerable<int>? nodes = null)
    {
        var acked = await writer.StopAsync();
        Assert.NotEmpty(acked);
        foreach (var node in nodes ?? [1, 2, 3])
        {
            // A joiner may still be applying: poll until it has everything or the deadline passes.
            IReadOnlyList<long> missing = [];
            await Poll.UntilAsync(
                async () => (missing = await AckedWriter.MissingOnAsync(lab.Cluster.Address(node), acked)).Count == 0,
                TimeSpan.FromSeconds(30),
                $"node{node} has every acknowledged write ({acked.Count} acked)");
        }
    }

    /// <summary>
    /// The invariant: every node that serves queries (wsrep_ready=ON) has every acknowledged write —
    /// a Primary without them is a forked history — one history accepts writes, and at least
    /// <paramref name="serving"/> nodes serve.
    /// </summary>
    public static async Task AssertEveryServingNodeHasEveryAckedWriteAsync(KeyBuzzLab lab, IReadOnlyCollection<long> acked, int serving = 3)
    {
        Assert.NotEmpty(acked);
        var violations = await LabInvariants.MissingAckedWritesAsync(lab.Cluster, acked);
        Assert.True(violations.Count == 0, string.Join("; ", violations));
        var second = await LabInvariants.SecondHistoryAsync(lab.Cluster);
        Assert.True(second is null, second);
        var ready = await LabInvariants.ServingNodesAsync(lab.Cluster);
        Assert.True(ready.Count >= serving, $"only {ready.Count} node(s) serve queries ({string.Join(", ", ready)}), expected {serving}");
    }

    /// <summary>No forked history found by the collector, and events that record changes: no line of a round more than twice.</summary>
    public static async Task AssertNoForkAndNoRepeatedEventsAsync(KeyBuzzLab lab, RecoveryRoundInfo round)
    {
        var status = await lab.StatusAsync();
        Assert.All(status.Clusters, c => Assert.True(c.Fork.Length == 0, c.Fork));
        var repeated = round.Events.GroupBy(e => e.Text, StringComparer.Ordinal).Where(g => g.Count() > 2).Select(g => $"{g.Count()}× {g.Key}").ToList();
        Assert.True(repeated.Count == 0, "round events repeat instead of recording changes: " + string.Join(" | ", repeated));
    }

    public static async Task AssertSinglePrimaryViewAsync(KeyBuzzLab lab)
    {
        var status = await lab.StatusAsync();
        var primary = status.Clusters.SelectMany(c => c.Nodes).Where(n => n.ClusterStatus == "Primary").ToList();
        Assert.Single(primary.Select(n => n.ClusterStateUuid).Distinct());
        Assert.Single(primary.Select(n => n.ConfId).Distinct());
    }

    public static async Task<RecoveryRoundInfo?> RoundAfterAsync(KeyBuzzLab lab, ulong before) =>
        (await lab.RoundsAsync()).Rounds.Where(r => r.Id > before).OrderBy(r => r.Id).FirstOrDefault();

    public static async Task<RecoveryRoundInfo> WaitForRoundAsync(KeyBuzzLab lab, ulong before, Func<RecoveryRoundInfo, bool> condition, TimeSpan timeout, string what) =>
        await Poll.UntilAsync(async () => await RoundAfterAsync(lab, before) is { } r && condition(r) ? r : null, timeout, what);

    /// <summary>Bootstrap grants the agents carried out (the ledger also holds other single-use commands).</summary>
    public static int GrantsUsedByAgents(KeyBuzzLab lab) =>
        Enumerable.Range(1, 3)
            .Select(n => Path.Combine(lab.Cluster.Directory, $"agent{n}", "used-grants.txt"))
            .Where(File.Exists)
            .Sum(f => File.ReadAllLines(f).Count(l => l.Trim().StartsWith("g-", StringComparison.Ordinal)));
}
