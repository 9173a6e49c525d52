using System.Globalization;
using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>
/// ProxySQL's per-check decisions for MariaDB (proxysql.md §1.2, in its order), applied to the node's
/// own readings, so an operator sees why a node was (or will be) moved. No pxc_maint_mode on MariaDB.
/// </summary>
public static class RolePredictor
{
    public static PredictedRole Predict(NodeReading reading, long maxTransactionsBehind)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (!reading.SqlReachable)
        {
            return new(BackendRoute.Offline, "the check fails: mariadbd does not answer");
        }

        if (reading.Text(WsrepStatus.ClusterStatus) is { } status && status != WsrepStatus.Primary)
        {
            return new(BackendRoute.Offline, $"wsrep_cluster_status={status}");
        }

        if (On(reading, "wsrep_desync"))
        {
            return new(BackendRoute.Offline, "wsrep_desync=ON");
        }

        if (reading.Long("wsrep_local_state") is { } state && state != 4)
        {
            if (!(state == 2 && !On(reading, "wsrep_sst_donor_rejects_queries")))
            {
                return new(BackendRoute.Offline, string.Create(CultureInfo.InvariantCulture, $"wsrep_local_state={state} ({reading.Text(WsrepStatus.LocalStateComment) ?? "not Synced"})"));
            }
        }

        if (reading.Variables.TryGetValue("wsrep_reject_queries", out var reject) && reject is not ("NONE" or ""))
        {
            return new(BackendRoute.Offline, $"wsrep_reject_queries={reject}");
        }

        if (On(reading, "read_only"))
        {
            var queue = reading.Long(WsrepStatus.RecvQueue) ?? 0;
            return queue > maxTransactionsBehind
                ? new(BackendRoute.Offline, string.Create(CultureInfo.InvariantCulture, $"read_only=ON and receive queue {queue} > max_transactions_behind {maxTransactionsBehind}"))
                : new(BackendRoute.Reader, "read_only=ON");
        }

        return new(BackendRoute.Writer, "Synced, Primary, writable: a writer candidate, the highest weight is the writer");
    }

    private static bool On(NodeReading reading, string variable) =>
        reading.Variables.TryGetValue(variable, out var value) && value is "ON" or "1";
}
