using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Integration.Tests.Recovery;

[Collection(LabCollection.Name)]
public sealed class HumanDecisionTests(KeyBuzzLab lab) : IAsyncLifetime
{
    public Task InitializeAsync() => lab.EnsureHealthyAsync();

    public async Task DisposeAsync()
    {
        foreach (var node in new[] { 1, 3 })
        {
            if (lab.Agent(node).HasExited)
            {
                lab.StartAgent(node);
            }
        }

        await lab.EnsureHealthyAsync();
    }

    [Fact]
    public async Task Scenario07_node_that_never_comes_back_blocks_automatic_bootstrap_until_a_human_approves()
    {
        var before = await lab.LastRoundIdAsync();
        await using var writer = await AckedWriter.StartAsync(lab.Cluster);
        await writer.WaitForMoreAsync(20, TimeSpan.FromSeconds(20));

        // node3's host "never comes back": its agent is gone and it was in the last Primary Component.
        await lab.StopAgentAsync(3);
        await lab.Cluster.RunAsync("kill-all");

        var plan = await Poll.UntilAsync(
            async () => await lab.PlanAsync() is { Kind: "Wait", ActiveRound: not null } p && p.WaitingFor.Contains("node3") && p.Candidate.Length > 0 ? p : null,
            TimeSpan.FromSeconds(60),
            "a round waiting for node3 with a candidate");
        Assert.Contains("not reporting", plan.Reason, StringComparison.Ordinal);
        Assert.Empty(plan.ActiveRound.Grants);

        var (code, output, error) = await Kbctl.RunAsync(lab, "bootstrap", "approve", plan.ActiveRound.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(code == 0, error);
        Assert.Contains("approved", output, StringComparison.Ordinal);

        await Poll.UntilAsync(
            async () =>
            {
                var status = await lab.StatusAsync();
                return new[] { "node1", "node2" }.All(n => KeyBuzzLab.Node(status, n) is { LocalState: "Synced", ClusterStatus: "Primary", ClusterSize: 2 });
            },
            TimeSpan.FromSeconds(90),
            "node1 and node2 Synced after the approval");
        var round = await Scenario.WaitForRoundAsync(lab, before, r => r.Phase == "Done", TimeSpan.FromSeconds(30), "round done");
        Assert.Equal(plan.Candidate, Assert.Single(round.Grants).Node);
        await Scenario.AssertNoForkAndNoRepeatedEventsAsync(lab, round); // the wait was recorded once, not every second
        Assert.True(round.Events.Count < 15, string.Join(" | ", round.Events.Select(e => e.Text)));
        await Scenario.AssertNoAckedWriteLostAsync(lab, writer, [1, 2]);

        // The lost host comes back: its agent finds node3 crashed and a Primary Component of the same history, and rejoins it.
        lab.StartAgent(3);
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Scenario08_grastate_that_disagrees_with_InnoDB_is_a_refusal_for_that_node_not_a_fact()
    {
        var before = await lab.LastRoundIdAsync();
        await lab.Cluster.RunAsync("stop", "3");
        await lab.Cluster.RunAsync("stop", "2");
        // node1's agent is away while its grastate.dat is tampered with: a round seeing node1 stopped with
        // safe_to_bootstrap: 1 would grant it at once (and the agent refuse it as the datadir changed), so the
        // refusal asserted here is the planner's, from evidence derived of the file as it is.
        await lab.StopAgentAsync(1);
        await lab.Cluster.RunAsync("stop", "1"); // the last one standing: the only member of the latest Primary Component
        var grastate = Path.Combine(lab.Cluster.DataDirectory(1), "grastate.dat");
        var original = await File.ReadAllTextAsync(grastate);
        var uuid = original.Split('\n').First(l => l.StartsWith("uuid:", StringComparison.Ordinal))[5..].Trim();
        // A grastate.dat "fixed by hand" with another history's UUID: InnoDB still holds the real one.
        await File.WriteAllTextAsync(grastate, original.Replace(uuid, "11111111-2222-3333-4444-555555555555", StringComparison.Ordinal));
        lab.StartAgent(1);
        try
        {
            var round = await Scenario.WaitForRoundAsync(lab, before, r => r.Phase == "AwaitingApproval", TimeSpan.FromSeconds(60), "round awaiting a human");
            var plan = await Poll.UntilAsync(async () => await lab.PlanAsync() is { Rule: "R15-grastate-disagrees" } p ? p : null, TimeSpan.FromSeconds(30), "the plan refuses node1's grastate.dat");

            Assert.Contains("do not belong together", plan.Reason, StringComparison.Ordinal);
            Assert.Empty(round.Grants);
            var (code, output, _) = await Kbctl.RunAsync(lab, "bootstrap", "plan");
            Assert.Equal(0, code);
            Assert.Contains("R15-grastate-disagrees", output, StringComparison.Ordinal);
        }
        finally
        {
            await File.WriteAllTextAsync(grastate, original);
        }

        // Evidence fixed by the operator: the agent re-derives it, the same round goes on and recovers from node1.
        var done = await Scenario.WaitForRoundAsync(lab, before, r => r.Phase == "Done", TimeSpan.FromSeconds(90), "round done after the fix");
        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("node1", Assert.Single(done.Grants).Node);
        await Scenario.AssertNoForkAndNoRepeatedEventsAsync(lab, done);
    }

    [Fact]
    public async Task Scenario09_collector_killed_right_after_granting_resumes_with_exactly_one_bootstrap()
    {
        var before = await lab.LastRoundIdAsync();
        var grantsBefore = Scenario.GrantsUsedByAgents(lab);
        await using var writer = await AckedWriter.StartAsync(lab.Cluster);
        await writer.WaitForMoreAsync(20, TimeSpan.FromSeconds(20));

        await lab.Cluster.RunAsync("kill-all");
        await Scenario.WaitForRoundAsync(lab, before, r => r.Grants.Count > 0, TimeSpan.FromSeconds(60), "a grant issued");
        await lab.Collector.KillAsync();
        lab.StartCollector();

        await lab.WaitForAllSyncedAsync(TimeSpan.FromSeconds(120));
        var round = await Scenario.WaitForRoundAsync(lab, before, r => r.Phase == "Done", TimeSpan.FromSeconds(30), "the resumed round done");

        Assert.Single(round.Grants);
        Assert.Equal(grantsBefore + 1, Scenario.GrantsUsedByAgents(lab));
        Assert.Null((await lab.RoundsAsync()).Rounds.FirstOrDefault(r => r.Id > round.Id));
        await Scenario.AssertNoAckedWriteLostAsync(lab, writer);
        await Scenario.AssertSinglePrimaryViewAsync(lab);
    }
}
