using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Bench;

/// <summary>Readings shaped like a real agent's (about 80 status values, variables, grastate).</summary>
internal static class Readings
{
    private static readonly string[] StatusNames = [.. Enumerable.Range(0, 64).Select(i => $"wsrep_bench_metric_{i:D2}"),
        "uptime", "threads_connected", "threads_running", "questions", "com_commit", "com_rollback", "connections", "aborted_connects",
        "aborted_clients", "max_used_connections", "slow_queries", "innodb_row_lock_waits", "innodb_row_lock_current_waits", "innodb_deadlocks", "open_files"];

    public static Reading Make(ulong seq, long sampledAtUnixMs)
    {
        var galera = new GaleraReading { MariadbRunning = true, SqlReachable = true, Grastate = new Grastate { Present = true, Uuid = "6c3b8d1e-e91a-11f1-8394-9e94a9d391bd", Seqno = -1 } };
        galera.Status["wsrep_cluster_status"] = "Primary";
        galera.Status["wsrep_local_state_comment"] = "Synced";
        galera.Status["wsrep_cluster_size"] = "3";
        galera.Status["wsrep_last_committed"] = (1000 + seq).ToString(System.Globalization.CultureInfo.InvariantCulture);
        galera.Status["wsrep_local_recv_queue"] = (seq % 7).ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var name in StatusNames)
        {
            galera.Status[name] = ((seq * 31) % 100_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        galera.Variables["wsrep_desync"] = "OFF";
        galera.Variables["read_only"] = "OFF";
        galera.Variables["version"] = "10.11.14-MariaDB-0+deb12u2";
        return new Reading { Seq = seq, SampledAtUnixMs = sampledAtUnixMs, Galera = galera };
    }
}
