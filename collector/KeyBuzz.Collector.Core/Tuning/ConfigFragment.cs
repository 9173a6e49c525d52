namespace KeyBuzz.Collector.Core.Tuning;

/// <summary>
/// Reads a MariaDB option-file fragment the way mariadbd does for the sections it uses ([mysqld],
/// [mariadbd], [server], [galera], [mariadb]): later lines win, dashes equal underscores, and
/// wsrep_provider_options is split into its provider options.
/// </summary>
public static class ConfigFragment
{
    private static readonly HashSet<string> ServerSections = new(StringComparer.OrdinalIgnoreCase) { "mysqld", "mariadbd", "server", "galera", "mariadb" };

    public static (IReadOnlyList<DesiredSetting> Settings, IReadOnlyList<string> Errors) Parse(string text)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        string? section = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = WithoutComment(raw).Trim();
            if (line.Length == 0 || line[0] == ';')
            {
                continue;
            }

            if (line[0] == '[')
            {
                section = line.EndsWith(']') ? line[1..^1].Trim() : null;
                if (section is null)
                {
                    errors.Add($"line {lineNumber}: section header '{line}' has no closing ]");
                }

                continue;
            }

            if (line[0] == '!')
            {
                errors.Add($"line {lineNumber}: '{line}': a fragment may not include other files");
                continue;
            }

            if (section is null)
            {
                errors.Add($"line {lineNumber}: '{line}' is outside any [section]");
                continue;
            }

            if (!ServerSections.Contains(section))
            {
                continue; // client sections: not server settings
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var name = (equals < 0 ? line : line[..equals]).Trim().Replace('-', '_').ToLowerInvariant();
            var value = equals < 0 ? "ON" : Unquote(line[(equals + 1)..].Trim());
            if (name.Length == 0)
            {
                errors.Add($"line {lineNumber}: '{line}' has no option name");
                continue;
            }

            if (name == "wsrep_provider_options")
            {
                foreach (var option in ProviderOptions(value))
                {
                    settings[DesiredSetting.ProviderPrefix + option.Key] = option.Value;
                }

                continue;
            }

            settings[name] = value;
        }

        if (settings.Count == 0 && errors.Count == 0)
        {
            errors.Add("the fragment sets no server option (expected [galera] or [mysqld] sections)");
        }

        return ([.. settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new DesiredSetting(s.Key, s.Value))], errors);
    }

    /// <summary>"a=1;b = 2" (a fragment) or "a = 1; b = 2" (SHOW VARIABLES) as name → value.</summary>
    public static IReadOnlyDictionary<string, string> ProviderOptions(string value)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                options[part[..equals].Trim()] = part[(equals + 1)..].Trim();
            }
        }

        return options;
    }

    /// <summary>
    /// The fragment as sent to the agents: comments after a value removed (whole-line comments kept),
    /// so an agent can rewrite an option line without parsing option-file syntax itself.
    /// </summary>
    public static string WithoutTrailingComments(string text) =>
        string.Join('\n', text.Split('\n').Select(line =>
        {
            var kept = WithoutComment(line);
            return kept.Trim().Length == 0 ? line : kept.TrimEnd();
        }));

    /// <summary>The line without a '#' comment (one may start mid-line, as mariadbd reads it), quotes respected.</summary>
    public static string WithoutComment(string line)
    {
        var quote = '\0';
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '#')
            {
                return line[..i];
            }
        }

        return line;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')) ? value[1..^1] : value;
}
