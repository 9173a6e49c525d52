namespace KeyBuzz.Agent;

/// <summary>kb-agent's few command-line switches; everything else is configuration.</summary>
internal sealed record CommandLine(string ConfigPath, bool ShowHelp, bool ShowVersion, bool CheckConfigOnly, string? Error)
{
    public const string DefaultConfigPath = "/etc/keybuzz/agent.json";

    public const string Usage =
        """
        usage: kb-agent [--config PATH] [--check-config] [--version]
          --config PATH    JSON configuration (default /etc/keybuzz/agent.json, or $KEYBUZZ_AGENT_CONFIG)
          --check-config   validate the configuration and exit
        Any setting can be overridden by an environment variable such as KEYBUZZ_Agent__CollectorUrl.
        """;

    public static CommandLine Parse(string[] args)
    {
        var config = Environment.GetEnvironmentVariable("KEYBUZZ_AGENT_CONFIG") is { Length: > 0 } fromEnv ? fromEnv : DefaultConfigPath;
        bool help = false, version = false, check = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" when i + 1 < args.Length:
                    config = args[++i];
                    break;
                case "--config":
                    return new CommandLine(config, false, false, false, "--config needs a path");
                case "--help" or "-h":
                    help = true;
                    break;
                case "--version":
                    version = true;
                    break;
                case "--check-config":
                    check = true;
                    break;
                default:
                    return new CommandLine(config, false, false, false, $"unknown argument '{args[i]}'");
            }
        }

        return new CommandLine(config, help, version, check, null);
    }
}
