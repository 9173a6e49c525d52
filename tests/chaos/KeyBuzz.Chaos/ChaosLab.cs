using KeyBuzz.Integration.Tests.Lab;

namespace KeyBuzz.Chaos;

/// <summary>The lab the chaos runs on: its own directory and addresses (127.0.6.11-13), never the demo's or the tests'.</summary>
internal sealed class ChaosLab() : LabSystem("/var/tmp/kb-lab-chaos", "127.0.6.")
{
    /// <summary>Back to a healthy lab after a run: every process up, partitions healed, all Synced, no round open.</summary>
    public async Task<bool> TryHealAsync(TimeSpan timeout)
    {
        if (Collector.HasExited)
        {
            StartCollector();
        }

        try
        {
            await EnsureHealthyAsync();
            await Poll.UntilAsync(async () => (await RoundsAsync()).Rounds.All(r => r.Phase is "Done" or "Failed") && (await StatusAsync()).Clusters.All(c => c.Fork.Length == 0), timeout, "no active round and no fork");
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>A fresh cluster and a fresh collector: after a run that ended waiting for a human.</summary>
    public Task ResetAsync() => RebuildAsync();
}
