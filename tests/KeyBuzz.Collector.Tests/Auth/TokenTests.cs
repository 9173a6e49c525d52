using KeyBuzz.Collector.Auth;
using KeyBuzz.Collector.Options;

namespace KeyBuzz.Collector.Tests.Auth;

public sealed class TokenTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string File => Path.Combine(_dir.Path, "tokens.json");

    private string Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = TokenCommands.Run(args, File, output, error);
        Assert.True(code == 0, error.ToString());
        return output.ToString().Trim();
    }

    private TokenValidator Validator() => new(Microsoft.Extensions.Options.Options.Create(new AuthOptions { TokensFile = File }));

    [Fact]
    public void Created_tokens_identify_their_owner_and_are_stored_only_as_hashes()
    {
        var agent = Run("add-agent", "kblab", "node1");
        var admin = Run("add-operator", "alice", "--role", "admin");
        var viewer = Run("add-operator", "bob", "--role", "readonly");
        var validator = Validator();

        Assert.Equal(("kblab", "node1", "agent"), validator.Identify($"Bearer {agent}") is { } a ? (a.Cluster, a.Node, a.Role) : default);
        Assert.Equal("admin", validator.Identify($"Bearer {admin}")!.Role);
        Assert.Equal("readonly", validator.Identify($"Bearer {viewer}")!.Role);
        Assert.DoesNotContain(agent, System.IO.File.ReadAllText(File), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(File));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("Bearer kb_not-a-real-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public void Unknown_or_missing_tokens_identify_nobody(string? header)
    {
        Run("add-agent", "kblab", "node1");

        Assert.Null(Validator().Identify(header));
    }

    [Fact]
    public void Revocation_takes_effect_without_a_restart()
    {
        var token = Run("add-operator", "alice", "--role", "admin");
        var validator = Validator();
        Assert.NotNull(validator.Identify($"Bearer {token}"));

        Run("revoke", "alice");

        Assert.Null(validator.Identify($"Bearer {token}"));
    }

    [Fact]
    public void Duplicate_names_and_bad_roles_are_refused()
    {
        Run("add-agent", "kblab", "node1");
        using var error = new StringWriter();

        Assert.Equal(1, TokenCommands.Run(["add-agent", "kblab", "node1"], File, TextWriter.Null, error));
        Assert.Equal(64, TokenCommands.Run(["add-operator", "eve", "--role", "root"], File, TextWriter.Null, error));
        Assert.Contains("already has a token", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none", "http://127.0.0.1:7171", false, true)]
    [InlineData("none", "http://localhost:7171", false, true)]
    [InlineData("none", "http://0.0.0.0:7171", false, false)]
    [InlineData("none", "http://10.0.0.5:7171", true, true)]
    [InlineData("sometimes", "http://127.0.0.1:7171", false, false)]
    public void No_auth_is_for_loopback_only_unless_explicitly_allowed(string mode, string url, bool allow, bool valid)
    {
        var validator = new AuthOptionsValidator(Microsoft.Extensions.Options.Options.Create(new CollectorOptions { ListenUrl = url }));

        var result = validator.Validate(null, new AuthOptions { Mode = mode, AllowNoAuthOnNonLoopback = allow });

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public void Token_mode_needs_its_file()
    {
        var validator = new AuthOptionsValidator(Microsoft.Extensions.Options.Options.Create(new CollectorOptions()));

        var result = validator.Validate(null, new AuthOptions { Mode = "token", TokensFile = File });

        Assert.Contains("kb-collector tokens add-agent", result.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
