using KeyBuzz.Agent.Core.Provider;

namespace KeyBuzz.Agent.Core.Tests.Provider;

public sealed class ProviderOptionsParserTests
{
    [Fact]
    public void Splits_real_provider_options()
    {
        const string text = "base_dir = /var/tmp/kb-lab/node1/data/; base_host = 127.0.0.11; base_port = 4567; cert.log_conflicts = no; evs.suspect_timeout = PT5S; gcache.size = 128M; pc.recovery = true; ";

        var options = ProviderOptionsParser.Parse(text);

        Assert.Equal("128M", options["gcache.size"]);
        Assert.Equal("PT5S", options["evs.suspect_timeout"]);
        Assert.Equal("true", options["pc.recovery"]);
        Assert.Equal("/var/tmp/kb-lab/node1/data/", options["base_dir"]);
        Assert.Equal(7, options.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("no equals sign here")]
    public void Nothing_usable_gives_no_options(string? text) => Assert.Empty(ProviderOptionsParser.Parse(text));
}
