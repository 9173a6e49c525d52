using KeyBuzz.Collector.Core.Readings;
using KeyBuzz.Collector.Core.View;

namespace KeyBuzz.Collector.Metrics;

/// <summary>The per-node series of /metrics (names follow Prometheus conventions: _total counters, base units).</summary>
internal static class NodeGauges
{
    public static IReadOnlyList<NodeGauge> All { get; } =
    [
        new("keybuzz_node_last_reading_age_seconds", "Seconds since the collector last received a reading from the node's agent.", (n, now) => Math.Max(0, (now - n.LastSeen).TotalSeconds)),
        new("keybuzz_mariadb_up", "1 when mariadbd runs and answers SQL, per its agent.", (n, _) => n.Latest.SqlReachable ? 1 : 0),
        new("keybuzz_mariadb_process_running", "1 when the mariadbd process runs.", (n, _) => n.Latest.MariadbRunning ? 1 : 0),
        new("keybuzz_galera_cluster_primary", "1 when wsrep_cluster_status is Primary.", (n, _) => Text(n, WsrepStatus.ClusterStatus) is { } s ? (s == WsrepStatus.Primary ? 1 : 0) : null),
        new("keybuzz_galera_cluster_size", "wsrep_cluster_size.", (n, _) => Number(n, WsrepStatus.ClusterSize)),
        new("keybuzz_galera_cluster_conf_id", "wsrep_cluster_conf_id (changes on every membership change).", (n, _) => Number(n, WsrepStatus.ClusterConfId)),
        new("keybuzz_galera_local_state", "wsrep_local_state (1 joining, 2 donor, 3 joined, 4 synced).", (n, _) => Number(n, "wsrep_local_state")),
        new("keybuzz_galera_ready", "1 when wsrep_ready is ON.", (n, _) => Text(n, WsrepStatus.Ready) is { } r ? (r == "ON" ? 1 : 0) : null),
        new("keybuzz_galera_last_committed", "wsrep_last_committed (seqno).", (n, _) => Number(n, WsrepStatus.LastCommitted)),
        new("keybuzz_galera_recv_queue", "wsrep_local_recv_queue.", (n, _) => Number(n, WsrepStatus.RecvQueue)),
        new("keybuzz_galera_send_queue", "wsrep_local_send_queue.", (n, _) => Number(n, "wsrep_local_send_queue")),
        new("keybuzz_galera_flow_control_paused_ratio", "Share of time paused by flow control between the last two readings (0-1).", (n, _) => n.FlowControlPausedPercent / 100),
        new("keybuzz_galera_flow_control_paused_seconds_total", "wsrep_flow_control_paused_ns in seconds.", (n, _) => Number(n, WsrepStatus.FlowControlPausedNs) / 1e9, IsCounter: true),
        new("keybuzz_galera_flow_control_sent_total", "wsrep_flow_control_sent.", (n, _) => Number(n, "wsrep_flow_control_sent"), IsCounter: true),
        new("keybuzz_galera_replicated_total", "wsrep_replicated: write-sets originating on this node.", (n, _) => Number(n, "wsrep_replicated"), IsCounter: true),
        new("keybuzz_galera_replicated_bytes_total", "wsrep_replicated_bytes.", (n, _) => Number(n, "wsrep_replicated_bytes"), IsCounter: true),
        new("keybuzz_galera_received_total", "wsrep_received: write-sets received.", (n, _) => Number(n, "wsrep_received"), IsCounter: true),
        new("keybuzz_galera_received_bytes_total", "wsrep_received_bytes.", (n, _) => Number(n, "wsrep_received_bytes"), IsCounter: true),
        new("keybuzz_galera_cert_failures_total", "wsrep_local_cert_failures.", (n, _) => Number(n, "wsrep_local_cert_failures"), IsCounter: true),
        new("keybuzz_galera_bf_aborts_total", "wsrep_local_bf_aborts.", (n, _) => Number(n, "wsrep_local_bf_aborts"), IsCounter: true),
        new("keybuzz_mariadb_uptime_seconds", "Uptime of mariadbd.", (n, _) => Number(n, "uptime")),
        new("keybuzz_mariadb_threads_connected", "Threads_connected.", (n, _) => Number(n, "threads_connected")),
        new("keybuzz_mariadb_threads_running", "Threads_running.", (n, _) => Number(n, "threads_running")),
        new("keybuzz_agent_dropped_readings_total", "Readings the agent dropped because its buffer was full.", (n, _) => n.Latest.DroppedTotal, IsCounter: true),
    ];

    private static string? Text(NodeState n, string name) => n.Latest.SqlReachable ? n.Latest.Text(name) : null;

    private static double? Number(NodeState n, string name) => n.Latest.SqlReachable ? n.Latest.Double(name) : null;
}
