using KeyBuzz.Ctl.Cli;

namespace KeyBuzz.Ctl.Tests.Cli;

public sealed class ArgumentsTests
{
    private static readonly HashSet<string> Flags = ["--json"];

    [Fact]
    public void Options_flags_and_positionals_are_separated()
    {
        var args = Arguments.Parse(["history", "node2", "--metric", "wsrep_last_committed", "--json", "--since=5m"], Flags);

        Assert.Equal("history", args.Shift());
        Assert.True(args.Flag("--json"));
        Assert.Equal("wsrep_last_committed", args.Option("--metric"));
        Assert.Equal("5m", args.Option("--since"));
        Assert.Equal(["node2"], args.Positional);
        args.EnsureConsumed(1);
    }

    [Fact]
    public void An_option_without_its_value_is_a_usage_error() =>
        Assert.Contains("--metric needs a value", Assert.Throws<UsageException>(() => Arguments.Parse(["history", "--metric"], Flags)).Message, StringComparison.Ordinal);

    [Fact]
    public void Unknown_options_are_reported()
    {
        var args = Arguments.Parse(["status", "--colour", "red"], Flags);
        args.Shift();

        Assert.Contains("unknown option --colour", Assert.Throws<UsageException>(() => args.EnsureConsumed(0)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_positionals_are_reported()
    {
        var args = Arguments.Parse(["status", "extra"], Flags);
        args.Shift();

        Assert.Contains("unexpected argument 'extra'", Assert.Throws<UsageException>(() => args.EnsureConsumed(0)).Message, StringComparison.Ordinal);
    }
}
