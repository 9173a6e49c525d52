namespace KeyBuzz.Collector.History;

/// <summary>Metrics the collector adds to each stored reading (prefixed kb_ so they never clash with server names).</summary>
internal static class DerivedMetrics
{
    public const string MariadbRunning = "kb_mariadb_running";
    public const string SqlReachable = "kb_sql_reachable";
    public const string FlowControlPausedPercent = "kb_flow_control_paused_pct";
    public const string GrastateSeqno = "kb_grastate_seqno";
    public const string DroppedTotal = "kb_agent_dropped_total";
}
