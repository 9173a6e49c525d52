namespace KeyBuzz.Collector.Core.Tuning;

/// <summary>What a disruptive operation needs to know about one node right now.</summary>
/// <param name="SampledAt">When the latest reading was taken on the node.</param>
public sealed record NodeHealth(string Node, bool Reporting, bool Maintenance, bool MariadbRunning, string ClusterStatus, string LocalState, long ClusterSize, DateTimeOffset SampledAt)
{
    public bool Synced => Reporting && MariadbRunning && ClusterStatus == "Primary" && LocalState == "Synced";
}
