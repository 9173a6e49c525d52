namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>One alert rule: a pure function of the live view and recent counters.</summary>
public interface IAlertRule
{
    string Name { get; }

    RuleSettings Defaults { get; }

    /// <summary>What the thresholds mean, for the error message when one is out of range.</summary>
    string ThresholdHelp { get; }

    /// <summary>Null when the settings make sense, else what is wrong.</summary>
    string? Validate(RuleSettings settings);

    IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings);
}
