using System.Globalization;

namespace KeyBuzz.Collector.Core.Alerts.Rules;

/// <summary>Reads a size option ("gcache.size = 128M") from wsrep_provider_options.</summary>
public static class ProviderOptionSize
{
    public static double? Read(string providerOptions, string name)
    {
        ArgumentNullException.ThrowIfNull(providerOptions);
        foreach (var part in providerOptions.Split(';'))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2 || pair[0].Trim() != name)
            {
                continue;
            }

            var text = pair[1].Trim();
            var multiplier = text.Length == 0 ? 1 : char.ToUpperInvariant(text[^1]) switch
            {
                'K' => 1024d,
                'M' => 1024d * 1024,
                'G' => 1024d * 1024 * 1024,
                'T' => 1024d * 1024 * 1024 * 1024,
                _ => 1,
            };
            var digits = multiplier > 1 ? text[..^1] : text;
            return double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value * multiplier : null;
        }

        return null;
    }
}
