namespace KeyBuzz.Agent.Core.OnDisk;

/// <summary>Shared line handling for Galera's "key: value" state files.</summary>
internal static class StateFileLines
{
    public static bool LooksLikeText(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    public static IEnumerable<(int LineNumber, string Key, string Value)> KeyValues(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                yield return (i + 1, line, string.Empty);
                continue;
            }

            yield return (i + 1, line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
    }

    public static bool IsUuid(string value) =>
        value.Length == 36 && Guid.TryParseExact(value, "D", out _);
}
