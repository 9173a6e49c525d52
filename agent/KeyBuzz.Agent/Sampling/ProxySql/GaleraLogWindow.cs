using System.Globalization;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling.ProxySql;

/// <summary>
/// Which monitor.mysql_server_galera_log rows to ask for and which of them are new. A row is written
/// when its check ends but keyed by when it started, so a slow (often failing) check of one node lands
/// behind faster checks of the others: each query re-reads a window before the newest start seen, and
/// rows already sent are skipped.
/// </summary>
internal sealed class GaleraLogWindow
{
    private const string Columns = "hostname, port, time_start_us, success_time_us, primary_partition, read_only, wsrep_local_recv_queue, wsrep_local_state, wsrep_desync, wsrep_reject_queries, wsrep_sst_donor_rejects_queries, pxc_maint_mode, error";

    /// <summary>Far longer than a check that still counts as an answer (a slower one is a timeout long before).</summary>
    public const long WindowUs = 30_000_000;

    private readonly HashSet<(string Host, string Port, long Start)> _sent = [];
    private long _newestStartUs;

    /// <summary>At start the latest check per backend; then the window.</summary>
    public string Query => _newestStartUs == 0
        ? $"SELECT {Columns} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY hostname, port ORDER BY time_start_us DESC) AS rn FROM monitor.mysql_server_galera_log) WHERE rn <= 1 ORDER BY time_start_us"
        : $"SELECT {Columns} FROM monitor.mysql_server_galera_log WHERE time_start_us > {(_newestStartUs - WindowUs).ToString(CultureInfo.InvariantCulture)} ORDER BY time_start_us";

    public AdminTable Fresh(AdminTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var fresh = new AdminTable { Name = table.Name };
        foreach (var row in table.Rows)
        {
            if (!row.Values.TryGetValue("time_start_us", out var text) || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start))
            {
                fresh.Rows.Add(row); // the collector names the malformed row
                continue;
            }

            if (_sent.Add((row.Values.GetValueOrDefault("hostname") ?? string.Empty, row.Values.GetValueOrDefault("port") ?? string.Empty, start)))
            {
                fresh.Rows.Add(row);
            }

            _newestStartUs = Math.Max(_newestStartUs, start);
        }

        _sent.RemoveWhere(k => k.Start <= _newestStartUs - WindowUs); // outside the window: never read again
        return fresh;
    }
}
