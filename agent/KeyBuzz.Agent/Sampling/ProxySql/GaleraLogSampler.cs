using System.Globalization;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling.ProxySql;

/// <summary>
/// monitor.mysql_server_galera_log, incrementally by time_start_us: only the checks made since the
/// last cycle (at start, the latest one per backend). Rows with an error carry default values.
/// </summary>
internal sealed class GaleraLogSampler(AdminConnector admin) : IProxySqlSampler
{
    private const string Columns = "hostname, port, time_start_us, success_time_us, primary_partition, read_only, wsrep_local_recv_queue, wsrep_local_state, wsrep_desync, wsrep_reject_queries, wsrep_sst_donor_rejects_queries, pxc_maint_mode, error";
    private long _lastTimeStartUs;

    public string Name => "mysql_server_galera_log";

    public async Task<AdminTable> SampleAsync(CancellationToken cancellationToken)
    {
        var sql = _lastTimeStartUs == 0
            ? $"SELECT {Columns} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY hostname, port ORDER BY time_start_us DESC) AS rn FROM monitor.mysql_server_galera_log) WHERE rn <= 1 ORDER BY time_start_us"
            : $"SELECT {Columns} FROM monitor.mysql_server_galera_log WHERE time_start_us > {_lastTimeStartUs.ToString(CultureInfo.InvariantCulture)} ORDER BY time_start_us";
        var table = await admin.QueryAsync(Name, sql, cancellationToken);
        foreach (var row in table.Rows)
        {
            if (row.Values.TryGetValue("time_start_us", out var text) && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t))
            {
                _lastTimeStartUs = Math.Max(_lastTimeStartUs, t);
            }
        }

        return table;
    }
}
