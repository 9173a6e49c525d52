using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>Write-sets waiting to be sent: the network from this node is the bottleneck.</summary>
public sealed class GaleraSendQueueHigh : AlertRule
{
    public override string Name => nameof(GaleraSendQueueHigh);

    public override RuleSettings Defaults => new(true, TimeSpan.FromMinutes(2), Threshold: 100);

    public override string ThresholdHelp => "write-sets waiting to be sent";

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var node in context.LiveNodes)
        {
            if (node.Latest.Long(WsrepStatus.SendQueue) is { } queue && queue > settings.Threshold)
            {
                yield return Alert(context, node.Node, AlertSeverity.Warning, settings.For,
                    $"{node.Node}: send queue {queue}",
                    $"{node.Node} has {queue} write-sets waiting to be sent to the cluster. Check the network between the nodes (latency, packet loss, bandwidth).");
            }
        }
    }
}
