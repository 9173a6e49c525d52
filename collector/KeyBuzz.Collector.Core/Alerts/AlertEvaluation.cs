namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>Runs every enabled rule over one cluster.</summary>
public static class AlertEvaluation
{
    /// <param name="settings">Effective settings per rule name; a rule missing here uses its defaults.</param>
    public static IReadOnlyList<AlertCondition> Evaluate(AlertContext context, IReadOnlyDictionary<string, RuleSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var conditions = new List<AlertCondition>();
        foreach (var rule in RuleCatalog.All)
        {
            var effective = settings.TryGetValue(rule.Name, out var configured) ? configured : rule.Defaults;
            if (effective.Enabled)
            {
                conditions.AddRange(rule.Evaluate(context, effective));
            }
        }

        return conditions;
    }
}
