using System.Globalization;

namespace KeyBuzz.Collector.Api;

/// <summary>Times in query strings: RFC 3339 ("2026-11-25T10:00:00Z"), Unix seconds, or an age ("90s", "15m", "2h", "7d").</summary>
internal static class QueryTime
{
    public static bool TryParseTime(string text, DateTimeOffset now, out DateTimeOffset value)
    {
        if (TryParseDuration(text, out var age))
        {
            value = now - age;
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds < 253_402_300_799)
        {
            value = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000_000)
        {
            return false;
        }

        TimeSpan? parsed = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => null,
        };
        value = parsed ?? default;
        return parsed is not null;
    }
}
