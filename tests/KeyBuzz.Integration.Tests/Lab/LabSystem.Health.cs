using System.Globalization;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>Back to a healthy, quiet lab between tests (and between chaos runs).</summary>
public partial class LabSystem
{
    /// <summary>
    /// Brings the lab back to 3 Synced nodes after a scenario (or a failed one): heal, end
    /// maintenance, restart dead agents, start down nodes, then wait.
    /// </summary>
    internal async Task EnsureHealthyAsync()
    {
        await Cluster.RunAsync("heal");
        for (var node = 1; node <= 3; node++)
        {
            if (Agent(node).HasExited)
            {
                StartAgent(node);
            }

            await SetMaintenanceAsync(node, false);
        }

        await ReleaseHeldNodesAsync();
        try
        {
            await WaitForAllSyncedAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            try
            {
                // Self-repair and the coordinator take it from here.
                await WaitForAllSyncedAsync(TimeSpan.FromSeconds(120));
            }
            catch (TimeoutException)
            {
                // This test fails with the reason; the ones after it get a fresh lab instead of the same broken one.
                await RebuildAsync();
                throw;
            }
        }

        await EnsureProxiesHealthyAsync();
    }

    /// <summary>
    /// A node whose agent spent its restart budget (earlier tests killed it) waits for a human: released
    /// the documented way, maintenance on until its agent reports it, then off.
    /// </summary>
    private async Task ReleaseHeldNodesAsync()
    {
        var held = (await StatusAsync()).Clusters.Where(c => c.Name == Cluster.ClusterName).SelectMany(c => c.Nodes).Where(n => n.RepairState == "held").Select(n => n.Name).ToList();
        foreach (var name in held)
        {
            var node = int.Parse(name["node".Length..], CultureInfo.InvariantCulture);
            await SetMaintenanceAsync(node, true);
            await Poll.UntilAsync(async () => Node(await StatusAsync(), name)?.RepairState == "maintenance", TimeSpan.FromSeconds(30), $"{name}'s agent sees its maintenance");
            await SetMaintenanceAsync(node, false);
        }
    }

    /// <summary>Both proxies running, reported, out of maintenance and routing to one writer; started and applied again if not.</summary>
    internal async Task EnsureProxiesHealthyAsync()
    {
        if (!Proxies.Present)
        {
            return;
        }

        foreach (var p in LabProxies.All)
        {
            await Operations.SetMaintenanceAsync(new MaintenanceRequest { Cluster = Cluster.ClusterName, Node = $"proxy{p}", On = false, Reason = "integration test" }, deadline: DateTime.UtcNow.AddSeconds(10));
        }

        try
        {
            await WaitForProxiesAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            await Proxies.EnsureUpAsync();
            await WaitForProxiesAsync(TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>
    /// Healthy and quiet: all Synced and no alert worse than info pending or firing (a pending one,
    /// e.g. writes on two nodes after the previous test's failover, or a proxy's Galera checks of a
    /// node that just came back, clears or fires a few seconds later). Drills and rolling applies
    /// refuse to start while one fires.
    /// </summary>
    internal async Task EnsureQuietAsync()
    {
        await EnsureHealthyAsync();
        var loud = new List<string>();
        try
        {
            await Poll.UntilAsync(
                async () =>
                {
                    var alerts = (await Operations.GetAlertsAsync(new AlertsRequest { Cluster = Cluster.ClusterName }, deadline: DateTime.UtcNow.AddSeconds(5))).Alerts;
                    loud = [.. alerts.Where(a => a.Severity != "info" && !AboutTheLastMinutes.Contains(a.Name)).Select(a => $"{a.Name} {a.State} on {a.Node}: {a.Summary}")];
                    return loud.Count == 0;
                },
                TimeSpan.FromSeconds(90), "no warning or critical alert pending or firing on the lab cluster");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; still there: {string.Join("; ", loud)}", ex);
        }
    }

    /// <summary>
    /// Warnings about the last minutes, not the state now: how ProxySQL's writer moved, and connection or
    /// certification failures counted over a window (a switchover under writes can leave one conflicting
    /// write-set on the old writer). Tests kill nodes and move writers on purpose; these block neither drills
    /// nor rolling applies, and the tests that assert them look for a fresh one.
    /// </summary>
    private static readonly HashSet<string> AboutTheLastMinutes =
        ["ProxySQLWriterChanged", "ProxySQLFailback", "ProxySQLWriterFlapping", "ProxySQLPoolGetFailures", "ProxySQLClientConnectTimeouts", "GaleraCertFailures"];

    /// <summary>A fresh cluster and a fresh collector, everything restarted.</summary>
    internal async Task RebuildAsync()
    {
        await StopAsync();
        await StartAsync();
    }
}
