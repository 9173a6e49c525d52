using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>wsrep_ready is OFF: the node does not accept queries.</summary>
public sealed class GaleraNotReady : AlertRule
{
    public override string Name => nameof(GaleraNotReady);

    public override RuleSettings Defaults => new(true, TimeSpan.FromSeconds(30));

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var node in context.LiveNodes)
        {
            var ready = node.Latest.Text(WsrepStatus.Ready);
            if (ready is not null && !string.Equals(ready, "ON", StringComparison.OrdinalIgnoreCase))
            {
                yield return Alert(context, node.Node, AlertSeverity.Critical, settings.For,
                    $"{node.Node}: wsrep_ready is {ready}",
                    $"{node.Node} answers SQL but wsrep_ready={ready}: applications get 'WSREP has not yet prepared node for application use'. Check its wsrep_cluster_status and wsrep_local_state_comment in `kbctl status`.");
            }
        }
    }
}
