namespace KeyBuzz.Collector.Alerts;

/// <summary>Overrides for one rule under Alerts:Rules:NAME; anything left out keeps the rule's default.</summary>
internal sealed class RuleOptions
{
    public bool? Enabled { get; set; }

    public double? ForSeconds { get; set; }

    public double? Threshold { get; set; }

    public double? CriticalForSeconds { get; set; }

    public double? CriticalThreshold { get; set; }
}
