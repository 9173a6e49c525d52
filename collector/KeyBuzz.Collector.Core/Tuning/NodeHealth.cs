namespace KeyBuzz.Collector.Core.Tuning;

/// <summary>What a disruptive operation needs to know about one node right now.</summary>
/// <param name="SampledAt">When the latest reading was taken on the node.</param>
public sealed record NodeHealth(string Node, bool Reporting, bool Maintenance, bool MariadbRunning, string ClusterStatus, string LocalState, long ClusterSize, DateTimeOffset SampledAt)
{
    public bool Synced => Reporting && MariadbRunning && ClusterStatus == "Primary" && LocalState == "Synced";

    /// <summary>In the Primary Component and Synced or serving as a donor (an IST donor is Donor/Desynced for a moment but keeps serving).</summary>
    public bool InPrimary => Reporting && MariadbRunning && ClusterStatus == "Primary" && LocalState is ("Synced" or "Donor/Desynced");
}
