namespace KeyBuzz.Collector.Core.ProxySql;

/// <summary>Turns ProxySQL's latest Galera check of a node into the reason it routes the node as it does (proxysql.md §1.2).</summary>
public static class CheckExplainer
{
    public static string Explain(GaleraCheck? check)
    {
        if (check is null)
        {
            return "no Galera check recorded (the monitor's ping or connect to it fails)";
        }

        if (check.Error is { } error)
        {
            return $"health check failed: {error}"; // the other columns are defaults then
        }

        if (check.PrimaryPartition != "YES")
        {
            return "not in the Primary component (primary_partition=NO)";
        }

        if (check.Desync == "YES")
        {
            return "desynced (wsrep_desync=ON)";
        }

        if (check.LocalState != 4)
        {
            return check.LocalState == 2 && check.DonorRejectsQueries == "NO"
                ? "donor for a state transfer, still serving (wsrep_sst_donor_rejects_queries=OFF)"
                : $"wsrep_local_state={check.LocalState}, not Synced";
        }

        if (check.RejectQueries is not ("NO" or "NONE"))
        {
            return $"rejects queries (wsrep_reject_queries={check.RejectQueries})";
        }

        return check.ReadOnly == "YES" ? "read_only=ON: reader only" : "healthy";
    }
}
