using System.Globalization;

namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>Common checks and wording for the rules.</summary>
public abstract class AlertRule : IAlertRule
{
    private static readonly TimeSpan MaxFor = TimeSpan.FromDays(1);

    public abstract string Name { get; }

    public abstract RuleSettings Defaults { get; }

    public virtual string ThresholdHelp => "this rule has no threshold";

    /// <summary>Smallest and largest threshold that make sense (inclusive).</summary>
    protected virtual (double Min, double Max) ThresholdRange => (0, double.MaxValue);

    public virtual string? Validate(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.For < TimeSpan.Zero || settings.For > MaxFor || settings.CriticalFor < TimeSpan.Zero || settings.CriticalFor > MaxFor)
        {
            return "ForSeconds and CriticalForSeconds must be between 0 and 86400";
        }

        var (min, max) = ThresholdRange;
        foreach (var value in new[] { settings.Threshold, settings.CriticalThreshold })
        {
            if (double.IsNaN(value) || value < min || value > max)
            {
                return string.Create(CultureInfo.InvariantCulture, $"thresholds must be between {min} and {max} ({ThresholdHelp})");
            }
        }

        return null;
    }

    public abstract IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings);

    protected AlertCondition Alert(AlertContext context, string node, AlertSeverity severity, TimeSpan forDuration, string summary, string description)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AlertCondition(Name, context.Cluster, node, severity, forDuration, summary, description);
    }

    protected static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
