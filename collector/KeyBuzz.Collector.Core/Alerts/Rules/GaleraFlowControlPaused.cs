using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>
/// Share of time replication was paused by flow control, from wsrep_flow_control_paused_ns:
/// warning above Threshold % over 1 minute, critical above CriticalThreshold % over 5 minutes.
/// </summary>
public sealed class GaleraFlowControlPaused : AlertRule
{
    private static readonly TimeSpan WarningWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CriticalWindow = TimeSpan.FromMinutes(5);

    public override string Name => nameof(GaleraFlowControlPaused);

    public override RuleSettings Defaults => new(true, TimeSpan.Zero, Threshold: 10, CriticalFor: TimeSpan.Zero, CriticalThreshold: 50);

    public override string ThresholdHelp => "percent of time paused";

    protected override (double Min, double Max) ThresholdRange => (0, 100);

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        var live = context.LiveNodes.ToList();
        foreach (var node in live)
        {
            foreach (var (window, threshold, severity, forDuration) in new[]
            {
                (WarningWindow, settings.Threshold, AlertSeverity.Warning, settings.For),
                (CriticalWindow, settings.CriticalThreshold, AlertSeverity.Critical, settings.CriticalFor),
            })
            {
                if (context.Increase(node, WsrepStatus.FlowControlPausedNs, window) is not { Over.TotalSeconds: > 0 } paused)
                {
                    continue;
                }

                var percent = paused.Increase / (paused.Over.TotalSeconds * 1e9) * 100;
                if (percent > threshold)
                {
                    var bottleneck = live
                        .Select(n => (n.Node, Sent: context.Increase(n, "wsrep_flow_control_sent", window)?.Increase ?? 0))
                        .OrderByDescending(x => x.Sent)
                        .FirstOrDefault(x => x.Sent > 0).Node;
                    var culprit = bottleneck is null ? string.Empty : $" {bottleneck} sent the most flow-control messages: it is the slow applier.";
                    yield return Alert(context, node.Node, severity, forDuration,
                        $"{node.Node}: replication paused {Number(percent)}% of the last {window.TotalMinutes:0} min by flow control",
                        $"Writes on the whole cluster wait while a node catches up.{culprit} Check that node's disk and CPU, its wsrep_local_recv_queue, and long transactions.");
                }
            }
        }
    }
}
