using KeyBuzz.Collector;
using Microsoft.Extensions.Options;

const int ExitUsage = 64;
const int ExitConfig = 78;

if (args.Length > 0 && args[0] == "tokens")
{
    var defaultFile = Environment.GetEnvironmentVariable("KEYBUZZ_Auth__TokensFile") is { Length: > 0 } f ? f : new KeyBuzz.Collector.Auth.AuthOptions().TokensFile;
    return KeyBuzz.Collector.Auth.TokenCommands.Run(args[1..], defaultFile, Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == "tls")
{
    return KeyBuzz.Collector.Tls.TlsCommands.Run(args[1..], Console.Out, Console.Error);
}

var parsed = CollectorCommandLine.Parse(args);
if (parsed.Error is not null)
{
    Console.Error.WriteLine($"kb-collector: {parsed.Error}");
    Console.Error.WriteLine(CollectorCommandLine.Usage);
    return ExitUsage;
}

if (parsed.ShowVersion)
{
    Console.WriteLine($"kb-collector {typeof(CollectorHost).Assembly.GetName().Version}");
    return 0;
}

try
{
    await using var app = CollectorHost.Build(parsed.ConfigPath);
    // Validate before starting, so a bad config is one clear line, not a host failure with a stack trace.
    CollectorHost.ValidateOptions(app.Services);
    if (parsed.CheckConfigOnly)
    {
        Console.WriteLine("kb-collector: configuration is valid");
        return 0;
    }

    await app.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine($"kb-collector: invalid configuration: {failure}");
    }

    return ExitConfig;
}
catch (InvalidOperationException ex) when (ex.InnerException is FormatException)
{
    Console.Error.WriteLine($"kb-collector: invalid configuration: {ex.Message}");
    return ExitConfig;
}
catch (InvalidDataException ex)
{
    Console.Error.WriteLine($"kb-collector: cannot read the configuration: {ex.Message}");
    return ExitConfig;
}
catch (IOException ex) when (ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine($"kb-collector: cannot listen: {ex.Message}; another collector may be running, or change Collector:ListenUrl");
    return ExitConfig;
}
