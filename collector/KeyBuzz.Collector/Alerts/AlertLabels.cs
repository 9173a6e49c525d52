using KeyBuzz.Collector.Core.Alerts;

namespace KeyBuzz.Collector.Alerts;

/// <summary>The label set of an alert, the same in Alertmanager pushes and /metrics.</summary>
internal static class AlertLabels
{
    public static Dictionary<string, string> For(AlertCondition condition)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = condition.Name,
            ["cluster"] = condition.Cluster,
            ["severity"] = condition.SeverityLabel,
        };
        if (condition.Node.Length > 0)
        {
            labels["node"] = condition.Node;
        }

        return labels;
    }
}
