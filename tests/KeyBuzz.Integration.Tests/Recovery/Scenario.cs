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

    public static int GrantsUsedByAgents(KeyBuzzLab lab) =>
        Enumerable.Range(1, 3)
            .Select(n => Path.Combine(lab.Cluster.Directory, $"agent{n}", "used-grants.txt"))
            .Where(File.Exists)
            .Sum(f => File.ReadAllLines(f).Count(l => l.Trim().Length > 0));
}
