using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Options;
using KeyBuzz.Agent.Sampling;

namespace KeyBuzz.Agent.Tests.Sampling;

public sealed class GrastateSamplerTests : IDisposable
{
    private readonly string _datadir = Directory.CreateTempSubdirectory("kb-agent-test-").FullName;

    private GrastateSampler Sampler() => new(new StateFileStore(), Microsoft.Extensions.Options.Options.Create(new GaleraOptions { DataDirectory = _datadir }));

    [Fact]
    public async Task Missing_file_is_reported_as_absent()
    {
        var reading = await Sampler().SampleAsync(CancellationToken.None);

        Assert.False(reading.Grastate.Present);
    }

    [Fact]
    public async Task A_real_file_is_parsed()
    {
        await File.WriteAllTextAsync(Path.Combine(_datadir, "grastate.dat"), "# GALERA saved state\nversion: 2.1\nuuid:    74b40c19-e905-11f1-a459-5e998b5f3507\nseqno:   17\nsafe_to_bootstrap: 1\n");

        var reading = await Sampler().SampleAsync(CancellationToken.None);

        Assert.True(reading.Grastate.Present);
        Assert.Equal(17, reading.Grastate.Seqno);
        Assert.True(reading.Grastate.SafeToBootstrap);
        Assert.Empty(reading.Grastate.Error);
    }

    [Fact]
    public async Task A_torn_file_is_reported_with_its_error()
    {
        await File.WriteAllTextAsync(Path.Combine(_datadir, "grastate.dat"), string.Empty);

        var reading = await Sampler().SampleAsync(CancellationToken.None);

        Assert.True(reading.Grastate.Present);
        Assert.Contains("is empty", reading.Grastate.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_datadir, recursive: true);
}
