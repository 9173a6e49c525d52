namespace KeyBuzz.Collector.Core.Tests.Alerts;

/// <summary>What a rule's alert looks like at the end of a timeline.</summary>
public enum Outcome
{
    None,
    Pending,
    Firing,
    Resolved,
}
