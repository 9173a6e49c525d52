using KeyBuzz.Agent;
using KeyBuzz.Agent.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// Exit codes follow sysexits.h so systemd and scripts can tell bad config from a crash.
const int ExitUsage = 64;
const int ExitConfig = 78;

var parsed = CommandLine.Parse(args);
if (parsed.Error is not null)
{
    Console.Error.WriteLine($"kb-agent: {parsed.Error}");
    Console.Error.WriteLine(CommandLine.Usage);
    return ExitUsage;
}

if (parsed.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

if (parsed.ShowVersion)
{
    Console.WriteLine($"kb-agent {AgentVersion.Current}");
    return 0;
}

if (!File.Exists(parsed.ConfigPath))
{
    Console.Error.WriteLine($"kb-agent: config file {parsed.ConfigPath} not found: create it (see /usr/share/doc/keybuzz-agent/agent.example.json) or pass --config PATH");
    return ExitConfig;
}

try
{
    using var host = AgentHost.Build(parsed.ConfigPath);
    // Validate before starting, so a bad config is one clear line, not a host failure with a stack trace.
    AgentHost.ValidateOptions(host.Services);
    if (parsed.CheckConfigOnly)
    {
        Console.WriteLine($"kb-agent: {parsed.ConfigPath} is valid");
        return 0;
    }

    await host.RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine($"kb-agent: invalid configuration in {parsed.ConfigPath}: {failure}");
    }

    return ExitConfig;
}
catch (InvalidDataException ex)
{
    Console.Error.WriteLine($"kb-agent: cannot read {parsed.ConfigPath}: {ex.Message}");
    return ExitConfig;
}
catch (InvalidOperationException ex) when (ex.InnerException is FormatException)
{
    // The binder names the key and the expected type: "Failed to convert configuration value 'abc' at 'Galera:Port'…".
    Console.Error.WriteLine($"kb-agent: invalid configuration in {parsed.ConfigPath}: {ex.Message}");
    return ExitConfig;
}
