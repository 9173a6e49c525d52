using KeyBuzz.Collector.Core.Alerts;

namespace KeyBuzz.Collector.Alerts;

/// <summary>Effective settings of every rule: its defaults with the configured overrides on top.</summary>
internal static class RuleSettingsResolver
{
    public static Dictionary<string, RuleSettings> Resolve(AlertOptions options)
    {
        var settings = new Dictionary<string, RuleSettings>(StringComparer.Ordinal);
        foreach (var rule in RuleCatalog.All)
        {
            var d = rule.Defaults;
            settings[rule.Name] = options.Rules.TryGetValue(rule.Name, out var o)
                ? new RuleSettings(
                    o.Enabled ?? d.Enabled,
                    o.ForSeconds is { } f ? TimeSpan.FromSeconds(f) : d.For,
                    o.Threshold ?? d.Threshold,
                    o.CriticalForSeconds is { } cf ? TimeSpan.FromSeconds(cf) : d.CriticalFor,
                    o.CriticalThreshold ?? d.CriticalThreshold)
                : d;
        }

        return settings;
    }
}
