using System.Globalization;

namespace KeyBuzz.Ctl.Cli;

/// <summary>Parses "--since 10m" (s, m, h, d ago) or an absolute ISO-8601 time.</summary>
internal static class TimeArgument
{
    public static DateTimeOffset Parse(string text, DateTimeOffset now, string option)
    {
        if (Span(text) is { } ago)
        {
            return now - ago;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var absolute))
        {
            return absolute;
        }

        throw new UsageException($"{option} '{text}' is not a duration (30s, 10m, 2h, 1d) or a time (2026-11-25T10:00:00Z)");
    }

    /// <summary>"30s", "10m", "2h", "1d".</summary>
    public static TimeSpan Duration(string text, string option) =>
        Span(text) ?? throw new UsageException($"{option} '{text}' is not a duration (30s, 10m, 2h, 1d)");

    private static TimeSpan? Span(string text)
    {
        if (text.Length < 2 || !char.IsAsciiLetter(text[^1]) ||
            !double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0 || amount > 1e7)
        {
            return null;
        }

        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => null,
        };
    }
}
