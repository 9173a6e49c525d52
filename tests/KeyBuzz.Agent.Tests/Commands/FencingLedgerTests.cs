using KeyBuzz.Agent.Commands;
using KeyBuzz.Agent.Options;

namespace KeyBuzz.Agent.Tests.Commands;

public sealed class FencingLedgerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kb-fencing-").FullName;

    private FencingLedger Ledger() => new(Microsoft.Extensions.Options.Options.Create(new AgentOptions { StateDirectory = _dir }));

    [Fact]
    public void A_leaders_token_survives_an_agent_restart_and_fences_the_deposed_leader()
    {
        Assert.Null(Ledger().Refusal(0)); // single collector: never a token
        Assert.True(Ledger().AdmitAdvice(57)); // the new leader's advice

        var restarted = Ledger();
        Assert.Contains("fencing token 42 is below 57", restarted.Refusal(42), StringComparison.Ordinal);
        Assert.Null(restarted.Refusal(57));
        Assert.Null(restarted.Refusal(60));
        Assert.Contains("below 60", Ledger().Refusal(57), StringComparison.Ordinal);
        Assert.Equal("60", File.ReadAllText(Path.Combine(_dir, "fencing-token")).Trim());
    }

    [Fact]
    public void A_deposed_leaders_advice_is_not_used_and_never_lowers_the_ledger()
    {
        var ledger = Ledger();
        Assert.True(ledger.AdmitAdvice(57));
        Assert.False(ledger.AdmitAdvice(42)); // it could say "no round" during the new leader's
        Assert.False(ledger.AdmitAdvice(0));
        Assert.True(ledger.AdmitAdvice(57));
        Assert.NotNull(Ledger().Refusal(42));
    }

    [Fact]
    public void A_corrupt_ledger_refuses_with_its_path_and_the_fix()
    {
        File.WriteAllText(Path.Combine(_dir, "fencing-token"), "garbage");
        var refusal = Ledger().Refusal(99);
        Assert.NotNull(refusal);
        Assert.Contains(Path.Combine(_dir, "fencing-token"), refusal, StringComparison.Ordinal);
        Assert.Contains("nothing is done until it is fixed", refusal, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
