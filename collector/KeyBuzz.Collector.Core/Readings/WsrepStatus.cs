namespace KeyBuzz.Collector.Core.Readings;

/// <summary>Names of the wsrep status variables the collector reasons about (agents send them lower-case).</summary>
public static class WsrepStatus
{
    public const string ClusterStatus = "wsrep_cluster_status";
    public const string LocalStateComment = "wsrep_local_state_comment";
    public const string ClusterSize = "wsrep_cluster_size";
    public const string ClusterConfId = "wsrep_cluster_conf_id";
    public const string ClusterStateUuid = "wsrep_cluster_state_uuid";
    public const string LastCommitted = "wsrep_last_committed";
    public const string RecvQueue = "wsrep_local_recv_queue";
    public const string SendQueue = "wsrep_local_send_queue";
    public const string FlowControlPausedNs = "wsrep_flow_control_paused_ns";
    public const string Ready = "wsrep_ready";
    public const string IncomingAddresses = "wsrep_incoming_addresses";
    public const string Primary = "Primary";
    public const string Synced = "Synced";
}
