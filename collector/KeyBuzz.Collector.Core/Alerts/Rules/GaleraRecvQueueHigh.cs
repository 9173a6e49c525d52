using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>The apply queue is long: the node lags and will soon trigger flow control (default: half of gcs.fc_limit 256).</summary>
public sealed class GaleraRecvQueueHigh : AlertRule
{
    public override string Name => nameof(GaleraRecvQueueHigh);

    public override RuleSettings Defaults => new(true, TimeSpan.FromMinutes(2), Threshold: 128);

    public override string ThresholdHelp => "write-sets waiting to be applied";

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var node in context.LiveNodes)
        {
            if (node.Latest.Long(WsrepStatus.RecvQueue) is { } queue && queue > settings.Threshold)
            {
                yield return Alert(context, node.Node, AlertSeverity.Warning, settings.For,
                    $"{node.Node}: receive queue {queue}",
                    $"{node.Node} has {queue} write-sets waiting to be applied (threshold {Number(settings.Threshold)}). It lags the cluster and will pause it through flow control. Check its disk latency, wsrep_slave_threads and long-running queries.");
            }
        }
    }
}
