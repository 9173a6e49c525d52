using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Tests;

/// <summary>Builds readings the way agents send them, with only what a test cares about.</summary>
internal static class Readings
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static readonly AgentInfo Agent = new("galera", "0.1.0", "inst1", "host1", TimeSpan.FromSeconds(1));

    public static NodeReading Synced(ulong seq, double secondsAfterT0, long pausedNs = 0, long lastCommitted = 100, string stateUuid = "uuid-a", long confId = 3, long size = 3) =>
        Node(seq, secondsAfterT0, new Dictionary<string, string>
        {
            ["wsrep_cluster_status"] = "Primary",
            ["wsrep_local_state_comment"] = "Synced",
            ["wsrep_cluster_size"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["wsrep_cluster_conf_id"] = confId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["wsrep_cluster_state_uuid"] = stateUuid,
            ["wsrep_last_committed"] = lastCommitted.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["wsrep_flow_control_paused_ns"] = pausedNs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["wsrep_local_recv_queue"] = "0",
            ["wsrep_ready"] = "ON",
        });

    public static NodeReading Node(ulong seq, double secondsAfterT0, IReadOnlyDictionary<string, string> status, bool running = true, bool sql = true, IReadOnlyList<string>? errors = null, ulong dropped = 0, GrastateSnapshot? grastate = null) =>
        new("inst1", seq, T0.AddSeconds(secondsAfterT0), dropped, running, sql, status, new Dictionary<string, string>(), grastate, errors ?? []);

    public static NodeReading Down(ulong seq, double secondsAfterT0) =>
        Node(seq, secondsAfterT0, new Dictionary<string, string>(), running: false, sql: false, errors: ["wsrep_status: Unable to connect to any of the specified MySQL hosts."]);
}
