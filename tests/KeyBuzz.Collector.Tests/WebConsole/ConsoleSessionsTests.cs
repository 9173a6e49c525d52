using KeyBuzz.Collector.Auth;
using KeyBuzz.Collector.WebConsole;

namespace KeyBuzz.Collector.Tests.WebConsole;

public sealed class ConsoleSessionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Clock _clock = new();

    private string File => Path.Combine(_dir.Path, "tokens.json");

    private string Token(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.True(TokenCommands.Run(args, File, output, error) == 0, error.ToString());
        return output.ToString().Trim();
    }

    private ConsoleSessions Sessions() => new(new TokenValidator(Microsoft.Extensions.Options.Options.Create(new AuthOptions { TokensFile = File })), _clock);

    [Fact]
    public void An_operator_token_opens_a_session_whose_id_is_not_the_token()
    {
        var token = Token("add-operator", "bob", "--role", "readonly");
        var sessions = Sessions();

        var (id, caller, refusal) = sessions.Open(token);

        Assert.Null(refusal);
        Assert.Equal("readonly", caller!.Role);
        Assert.NotNull(id);
        Assert.DoesNotContain(token, id, StringComparison.Ordinal);
        Assert.True(id!.Length >= 40, "a 256-bit random id");
        Assert.Equal("bob", sessions.Identify(id)!.Name);
    }

    [Theory]
    [InlineData("unknown", "unknown token")]
    [InlineData("agent", "agent token")]
    public void Unknown_and_agent_tokens_open_nothing(string which, string expected)
    {
        var agent = Token("add-agent", "kblab", "node1");
        var (id, _, refusal) = Sessions().Open(which == "agent" ? agent : "kb_not-a-token");

        Assert.Null(id);
        Assert.Contains(expected, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_ends_when_it_expires_when_its_token_is_revoked_and_when_closed()
    {
        var alice = Token("add-operator", "alice", "--role", "admin");
        var bob = Token("add-operator", "bob", "--role", "readonly");
        var sessions = Sessions();
        var expiring = sessions.Open(alice).Id;
        var revoked = sessions.Open(bob).Id;
        var closed = sessions.Open(alice).Id;

        sessions.Close(closed);
        Assert.Null(sessions.Identify(closed));

        Token("revoke", "bob");
        Assert.Null(sessions.Identify(revoked));

        Assert.NotNull(sessions.Identify(expiring));
        _clock.Advance(ConsoleSessions.Lifetime);
        Assert.Null(sessions.Identify(expiring));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("forged-session-id")]
    public void A_missing_or_forged_cookie_identifies_nobody(string? cookie) => Assert.Null(Sessions().Identify(cookie));

    public void Dispose() => _dir.Dispose();

    private sealed class Clock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
