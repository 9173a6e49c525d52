namespace KeyBuzz.Agent.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Defaults_to_the_packaged_config_path()
    {
        var parsed = CommandLine.Parse([]);

        Assert.Null(parsed.Error);
        Assert.Equal(Environment.GetEnvironmentVariable("KEYBUZZ_AGENT_CONFIG") ?? CommandLine.DefaultConfigPath, parsed.ConfigPath);
    }

    [Fact]
    public void Config_and_switches_are_read()
    {
        var parsed = CommandLine.Parse(["--config", "/tmp/a.json", "--check-config"]);

        Assert.Equal("/tmp/a.json", parsed.ConfigPath);
        Assert.True(parsed.CheckConfigOnly);
    }

    [Theory]
    [InlineData("--config", "--config needs a path")]
    [InlineData("--frobnicate", "unknown argument '--frobnicate'")]
    public void Mistakes_are_named(string arg, string expected) =>
        Assert.Equal(expected, CommandLine.Parse([arg]).Error);
}
