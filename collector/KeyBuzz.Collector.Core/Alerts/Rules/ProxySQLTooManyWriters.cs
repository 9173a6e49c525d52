using System.Globalization;
using KeyBuzz.Collector.Core.ProxySql;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>
/// More than one ONLINE writer on one ProxySQL node (SHUNNED surplus writers are normal). Such windows
/// mostly last under a second (proxysql-lab.md §6), so occurrences are counted — readings that showed
/// several writers and "too many writers" lines in ProxySQL's log — and each keeps the alert firing for
/// the threshold's minutes instead of vanishing before anyone sees it.
/// </summary>
public sealed class ProxySQLTooManyWriters : AlertRule
{
    public override string Name => nameof(ProxySQLTooManyWriters);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero, Threshold: 10);

    public override string ThresholdHelp => "minutes one double-writer occurrence keeps the alert firing";

    protected override (double Min, double Max) ThresholdRange => (0, 1440);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var window = TimeSpan.FromMinutes(settings.Threshold);
        foreach (var proxy in context.ReportingProxies)
        {
            var online = proxy.Routing.OnlineWriters;
            var seen = context.ProxyTimeline.SeveralWriterSamples(proxy.Proxy, window, context.Now);
            var logged = context.ProxyTimeline.Increase(proxy.Proxy, ProxyHistory.LogTooManyWriters, window, context.Now);
            if (online.Count <= 1 && seen.Count == 0 && logged == 0)
            {
                continue;
            }

            var counted = string.Create(CultureInfo.InvariantCulture, $"In the last {Number(settings.Threshold)} min: {seen.Count} reading(s) with several ONLINE writers") +
                (seen.Count > 0 ? $" (last at {seen[^1].At.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC: {string.Join(", ", seen[^1].OnlineWriters)})" : string.Empty) +
                string.Create(CultureInfo.InvariantCulture, $", {logged} \"too many writers\" line(s) in ProxySQL's log. ");
            var summary = online.Count > 1
                ? $"{proxy.Proxy}: {online.Count} ONLINE writers"
                : string.Create(CultureInfo.InvariantCulture, $"{proxy.Proxy}: more than one ONLINE writer {Math.Max(seen.Count, logged)} time(s) in {Number(settings.Threshold)} min");
            yield return Alert(context, proxy.Proxy, AlertSeverity.Critical, settings.For, summary,
                (online.Count > 1 ? $"ProxySQL {proxy.Proxy} sends writes to {string.Join(" and ", online)} at once: certification conflicts and deadlocks for the ERP. " : $"ProxySQL {proxy.Proxy} sent writes to more than one node for a moment (windows are often under a second). ") +
                counted +
                "Such windows follow LOAD MYSQL SERVERS TO RUNTIME with all nodes in the writer hostgroup, and ProxySQL Cluster imports with admin-cluster_mysql_servers_sync_algorithm 1: apply the layout of `kbctl proxysql apply` (one writer in 10, standbys in 20, max_writers=1, sync algorithm 2), then check GaleraMultipleWriters and the ERP for conflicting updates.");
        }
    }
}
