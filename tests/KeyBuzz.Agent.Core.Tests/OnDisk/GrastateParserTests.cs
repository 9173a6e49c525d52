using KeyBuzz.Agent.Core.OnDisk;

namespace KeyBuzz.Agent.Core.Tests.OnDisk;

public sealed class GrastateParserTests
{
    [Theory]
    [InlineData("clean-shutdown-last-node.dat", 17L, true, true)]
    [InlineData("clean-shutdown.dat", 16L, false, true)]
    [InlineData("running-or-crashed.dat", -1L, false, false)]
    [InlineData("safe-flag-without-position.dat", -1L, true, false)]
    [InlineData("pre-3.19-no-safe-flag.dat", 1234L, false, true)]
    public void Valid_files_parse_with_their_position(string file, long seqno, bool safe, bool hasPosition)
    {
        var result = GrastateParser.Parse(FixtureFiles.Read($"grastate/{file}"));

        Assert.True(result.Ok, result.Error);
        Assert.Equal("74b40c19-e905-11f1-a459-5e998b5f3507", result.Value!.Uuid);
        Assert.Equal("2.1", result.Value.Version);
        Assert.Equal(seqno, result.Value.Seqno);
        Assert.Equal(safe, result.Value.SafeToBootstrap);
        Assert.Equal(hasPosition, result.Value.HasPosition);
        Assert.False(result.Value.IsZeroUuid);
    }

    [Fact]
    public void Zero_uuid_parses_but_has_no_position()
    {
        var result = GrastateParser.Parse(FixtureFiles.Read("grastate/zero-uuid.dat"));

        Assert.True(result.Ok, result.Error);
        Assert.True(result.Value!.IsZeroUuid);
        Assert.False(result.Value.HasPosition);
    }

    [Theory]
    [InlineData("empty.dat", "is empty")]
    [InlineData("torn-in-uuid.dat", "is not a UUID")]
    [InlineData("torn-before-seqno.dat", "no 'seqno' line")]
    [InlineData("nul-bytes.dat", "binary data")]
    [InlineData("garbage-text.dat", "expected 'key: value'")]
    [InlineData("seqno-not-a-number.dat", "seqno 'abc' is not a number")]
    [InlineData("duplicate-seqno.dat", "'seqno' appears twice")]
    public void Unusable_files_give_a_precise_error_and_the_fix(string file, string expected)
    {
        var result = GrastateParser.Parse(FixtureFiles.Read($"grastate/{file}"));

        Assert.False(result.Ok);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("--wsrep-recover", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version: 2.1\nuuid: 74b40c19-e905-11f1-a459-5e998b5f3507\nseqno: -2\n", "not a number >= -1")]
    [InlineData("version: 2.1\nuuid: 74b40c19-e905-11f1-a459-5e998b5f3507\nseqno: 3\nsafe_to_bootstrap: yes\n", "neither 0 nor 1")]
    [InlineData("uuid: 74b40c19-e905-11f1-a459-5e998b5f3507\nseqno: 3\n", "no 'version' line")]
    public void Out_of_range_values_are_refused(string text, string expected)
    {
        var result = GrastateParser.Parse(text);

        Assert.False(result.Ok);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_line_endings_and_uppercase_uuid_are_accepted()
    {
        var result = GrastateParser.Parse("# GALERA saved state\r\nversion: 2.1\r\nuuid: 74B40C19-E905-11F1-A459-5E998B5F3507\r\nseqno: 9\r\nsafe_to_bootstrap: 0\r\n");

        Assert.True(result.Ok, result.Error);
        Assert.Equal("74b40c19-e905-11f1-a459-5e998b5f3507", result.Value!.Uuid);
        Assert.Equal(9, result.Value.Seqno);
    }
}
