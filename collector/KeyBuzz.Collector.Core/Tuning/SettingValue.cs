using System.Globalization;

namespace KeyBuzz.Collector.Core.Tuning;

/// <summary>
/// Puts the ways a server writes one value on a common form: "1024M" and "1073741824" are the same
/// size, "PT3S" and "PT3.0S" the same duration, "YES"/"ON"/"true"/"1" the same switch.
/// </summary>
public static class SettingValue
{
    public static bool Same(string a, string b) => string.Equals(Normal(a), Normal(b), StringComparison.Ordinal);

    public static string Normal(string value)
    {
        var v = value.Trim().Trim('"', '\'');
        var upper = v.ToUpperInvariant();
        if (upper is "YES" or "ON" or "TRUE")
        {
            return "true";
        }

        if (upper is "NO" or "OFF" or "FALSE")
        {
            return "false";
        }

        if (Bytes(upper) is { } bytes)
        {
            return bytes.ToString(CultureInfo.InvariantCulture);
        }

        if (upper.StartsWith("PT", StringComparison.Ordinal) && Seconds(upper) is { } seconds)
        {
            return "PT" + seconds.ToString("0.###", CultureInfo.InvariantCulture) + "S";
        }

        return upper;
    }

    private static long? Bytes(string v)
    {
        if (v.Length == 0)
        {
            return null;
        }

        var multiplier = v[^1] switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1L };
        var digits = multiplier == 1 ? v : v[..^1];
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n * multiplier : null;
    }

    /// <summary>ISO-8601 durations as Galera writes them: PT1M30S, PT3S, PT0.5S.</summary>
    private static double? Seconds(string v)
    {
        double total = 0;
        var number = string.Empty;
        foreach (var c in v[2..])
        {
            if (char.IsAsciiDigit(c) || c == '.')
            {
                number += c;
                continue;
            }

            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }

            total += c switch { 'H' => n * 3600, 'M' => n * 60, 'S' => n, _ => double.NaN };
            number = string.Empty;
        }

        return number.Length == 0 && !double.IsNaN(total) ? total : null;
    }
}
