namespace KeyBuzz.Ctl.Cli;

/// <summary>Positional arguments and --options of one command line, consumed as commands read them.</summary>
internal sealed class Arguments
{
    private readonly List<string> _positional = [];
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private Arguments()
    {
    }

    public IReadOnlyList<string> Positional => _positional;

    /// <param name="flags">Options that take no value.</param>
    public static Arguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        var result = new Arguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                result._positional.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                result._options[arg[..equals]] = arg[(equals + 1)..];
            }
            else if (flags.Contains(arg))
            {
                result._options[arg] = null;
            }
            else if (i + 1 < args.Count)
            {
                result._options[arg] = args[++i];
            }
            else
            {
                throw new UsageException($"{arg} needs a value");
            }
        }

        return result;
    }

    /// <summary>Removes and returns the first positional argument (the command name).</summary>
    public string Shift()
    {
        var first = _positional[0];
        _positional.RemoveAt(0);
        return first;
    }

    public bool Flag(string name) => _options.Remove(name);

    /// <summary>Whether an option was given, without consuming it.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    public string? Option(string name) => _options.Remove(name, out var value) ? value : null;

    /// <summary>A whole-number option, or <paramref name="fallback"/> when absent.</summary>
    public long LongOption(string name, long fallback) =>
        Option(name) is { } text
            ? long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : throw new UsageException($"{name} '{text}' is not a whole number")
            : fallback;

    /// <summary>A decimal-number option, or <paramref name="fallback"/> when absent.</summary>
    public double DoubleOption(string name, double fallback) =>
        Option(name) is { } text
            ? double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : throw new UsageException($"{name} '{text}' is not a number")
            : fallback;

    /// <summary>Call once the command took what it knows: anything left is a mistake worth reporting.</summary>
    public void EnsureConsumed(int maxPositional)
    {
        if (_options.Count > 0)
        {
            throw new UsageException($"unknown option {_options.Keys.First()}");
        }

        if (_positional.Count > maxPositional)
        {
            throw new UsageException($"unexpected argument '{_positional[maxPositional]}'");
        }
    }
}
