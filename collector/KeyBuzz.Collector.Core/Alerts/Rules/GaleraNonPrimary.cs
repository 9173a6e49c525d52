using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>A node is outside the Primary component: it refuses queries.</summary>
public sealed class GaleraNonPrimary : AlertRule
{
    public override string Name => nameof(GaleraNonPrimary);

    public override RuleSettings Defaults => new(true, TimeSpan.FromSeconds(10));

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var node in context.LiveNodes)
        {
            var status = node.Latest.Text(WsrepStatus.ClusterStatus);
            if (status is not null && status != WsrepStatus.Primary)
            {
                yield return Alert(context, node.Node, AlertSeverity.Critical, settings.For,
                    $"{node.Node}: wsrep_cluster_status is {status}",
                    $"{node.Node} is not part of the Primary component, so it refuses reads and writes. Either it lost contact with the majority (check the network between nodes) or the whole cluster lost quorum (see `kbctl bootstrap plan`). Do not bootstrap it by hand while another Primary component may exist.");
            }
        }
    }
}
