namespace KeyBuzz.Agent.Core.Provider;

/// <summary>Splits wsrep_provider_options ("a = 1; b.c = x; …") into name/value pairs.</summary>
public static class ProviderOptionsParser
{
    public static IReadOnlyDictionary<string, string> Parse(string? text)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return result;
        }

        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            result[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        return result;
    }
}
