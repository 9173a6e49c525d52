namespace KeyBuzz.Collector;

/// <summary>kb-collector's switches; everything else is configuration.</summary>
internal sealed record CollectorCommandLine(string? ConfigPath, bool CheckConfigOnly, bool ShowVersion, string? Error)
{
    public const string DefaultConfigPath = "/etc/keybuzz/collector.json";

    public const string Usage =
        """
        usage: kb-collector [--config PATH] [--check-config] [--version]
               kb-collector tokens …     create or revoke agent and operator tokens (kb-collector tokens --help)
               kb-collector tls init …   create the cluster CA and the collector's TLS certificate
          --config PATH    JSON configuration (default /etc/keybuzz/collector.json when it exists, or $KEYBUZZ_COLLECTOR_CONFIG)
          --check-config   validate the configuration and exit
        Any setting can be overridden by an environment variable such as KEYBUZZ_Collector__ListenUrl.
        """;

    public static CollectorCommandLine Parse(string[] args)
    {
        string? config = Environment.GetEnvironmentVariable("KEYBUZZ_COLLECTOR_CONFIG") is { Length: > 0 } fromEnv ? fromEnv : null;
        var explicitConfig = config is not null;
        bool check = false, version = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" when i + 1 < args.Length:
                    config = args[++i];
                    explicitConfig = true;
                    break;
                case "--check-config":
                    check = true;
                    break;
                case "--version":
                    version = true;
                    break;
                default:
                    return new CollectorCommandLine(null, false, false, $"unknown argument '{args[i]}'");
            }
        }

        if (!explicitConfig)
        {
            config = File.Exists(DefaultConfigPath) ? DefaultConfigPath : null;
        }
        else if (!File.Exists(config))
        {
            return new CollectorCommandLine(config, check, version, $"config file {config} not found");
        }

        return new CollectorCommandLine(config, check, version, null);
    }
}
