using KeyBuzz.Collector.Core.Readings;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>
/// gcache holds less than Threshold minutes of the current write rate: a node away longer than that
/// needs a full SST instead of an IST.
/// </summary>
public sealed class GaleraGcacheWindowShort : AlertRule
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public override string Name => nameof(GaleraGcacheWindowShort);

    public override RuleSettings Defaults => new(true, TimeSpan.FromMinutes(5), Threshold: 60);

    public override string ThresholdHelp => "minutes of writes gcache should hold";

    public override IEnumerable<AlertCondition> Evaluate(AlertContext context, RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var node in context.LiveNodes)
        {
            if (!node.Latest.Variables.TryGetValue("wsrep_provider_options", out var options) || ProviderOptionSize.Read(options, "gcache.size") is not { } gcache)
            {
                continue;
            }

            var sent = context.Increase(node, "wsrep_replicated_bytes", Window);
            var received = context.Increase(node, "wsrep_received_bytes", Window);
            var bytesPerSecond = (sent?.PerSecond ?? 0) + (received?.PerSecond ?? 0);
            if (bytesPerSecond <= 0)
            {
                continue;
            }

            var minutes = gcache / bytesPerSecond / 60;
            if (minutes < settings.Threshold)
            {
                yield return Alert(context, node.Node, AlertSeverity.Info, settings.For,
                    $"{node.Node}: gcache holds about {Number(minutes)} min of writes",
                    $"At the current write rate ({Number(bytesPerSecond / 1024)} KiB/s) the {Number(gcache / 1048576)} MiB gcache of {node.Node} covers about {Number(minutes)} minutes: a node away longer needs a full SST. Raise gcache.size (see `kbctl galera config`).");
            }
        }
    }
}
