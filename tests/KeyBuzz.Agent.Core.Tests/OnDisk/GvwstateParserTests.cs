using KeyBuzz.Agent.Core.OnDisk;

namespace KeyBuzz.Agent.Core.Tests.OnDisk;

public sealed class GvwstateParserTests
{
    [Fact]
    public void Saved_view_lists_its_members()
    {
        var result = GvwstateParser.Parse(FixtureFiles.Read("gvwstate/three-members.dat"));

        Assert.True(result.Ok, result.Error);
        Assert.Equal("d3124bc8-1605-11e4-aa3d-ab44303c044a", result.Value!.MyUuid);
        Assert.Equal("3 0dae1307-1606-11e4-aa94-5255b1dd4b5f 12", result.Value.ViewId);
        Assert.False(result.Value.Bootstrap);
        Assert.Equal(3, result.Value.Members.Count);
        Assert.Contains("47bbe2e2-1606-11e4-8593-2a6d8335bc79", result.Value.Members);
    }

    [Theory]
    [InlineData("empty.dat", "is empty")]
    [InlineData("torn.dat", "torn write")]
    [InlineData("no-members.dat", "no members")]
    public void Unusable_files_give_a_precise_error(string file, string expected)
    {
        var result = GvwstateParser.Parse(FixtureFiles.Read($"gvwstate/{file}"));

        Assert.False(result.Ok);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_content_is_refused()
    {
        var result = GvwstateParser.Parse("\0\0\0#vwbeg");

        Assert.False(result.Ok);
        Assert.Contains("binary data", result.Error, StringComparison.Ordinal);
    }
}
