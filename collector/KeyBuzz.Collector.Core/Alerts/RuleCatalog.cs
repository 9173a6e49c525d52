using KeyBuzz.Collector.Core.Alerts.Rules;

namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>Every rule the collector evaluates. ProxySQL rules see nothing until ProxySQL agents report (AlertContext.Proxies).</summary>
public static class RuleCatalog
{
    public static IReadOnlyList<IAlertRule> All { get; } =
    [
        new GaleraAgentNoData(), new MariaDBDown(), new GaleraNonPrimary(), new GaleraNotReady(),
        new GaleraNotSynced(), new GaleraClusterShrunk(), new GaleraSplitView(), new GaleraFlowControlPaused(),
        new GaleraRecvQueueHigh(), new GaleraSendQueueHigh(), new GaleraCertFailures(), new GaleraMultipleWriters(),
        new GaleraEvsDelayed(), new GaleraGcacheWindowShort(), new MariaDBConnectionsHigh(), new MariaDBRestarted(), new GaleraForkedHistory(),
        new ProxySQLAgentNoData(), new ProxySQLNoWriter(), new ProxySQLTooManyWriters(), new ProxySQLWritersDisagree(),
        new ProxySQLSessionsOnShunnedWriter(), new ProxySQLMonitorLoginFailing(), new ProxySQLBackendOffline(),
        new ProxySQLGaleraCheckFailing(), new ProxySQLBackendLatency(), new ProxySQLRestarted(),
        new ProxySQLWriterChanged(), new ProxySQLWriterFlapping(), new ProxySQLFailback(), new ProxySQLClientConnectTimeouts(),
        new ProxySQLPoolGetFailures(), new ProxySQLFrontendSaturation(), new ProxySQLClusterOutOfSync(), new ProxySQLConfigDrift(),
    ];

    public static IAlertRule? Find(string name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));
}
