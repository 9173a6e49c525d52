namespace KeyBuzz.Collector.Core.Alerts;

/// <summary>How much a counter grew over a span of time (restarts counted as growth from zero, as Prometheus' increase()).</summary>
public sealed record CounterIncrease(double Increase, TimeSpan Over)
{
    public double PerSecond => Over > TimeSpan.Zero ? Increase / Over.TotalSeconds : 0;
}
