using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Options;

namespace KeyBuzz.Agent.Tests.Io;

/// <summary>statx on real files: the identity changes with what matters and only with that.</summary>
public sealed class StatxDatadirProbeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kb-datadir-").FullName;

    private StatxDatadirProbe Probe() => new(Microsoft.Extensions.Options.Options.Create(new GaleraOptions { DataDirectory = _dir }));

    private void Populate()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "mysql"));
        File.WriteAllText(Path.Combine(_dir, "ibdata1"), "innodb");
        File.WriteAllText(Path.Combine(_dir, "ib_logfile0"), "redo");
        File.WriteAllText(Path.Combine(_dir, "grastate.dat"), "uuid: u\nseqno: 42\n");
    }

    [Fact]
    public void Reads_inodes_sizes_and_change_times_of_the_watched_files()
    {
        Populate();
        var identity = Probe().Identity();

        Assert.True(identity.HasInnoDb);
        Assert.All(identity.Files, f => Assert.True(f.Exists && f.Inode > 0, f.Name));
        Assert.Equal(6, identity.Files.Single(f => f.Name == "ibdata1").Size);
        Assert.Equal(Probe().Identity().Token, identity.Token);
    }

    [Fact]
    public void A_copied_grastate_or_a_recreated_datadir_changes_the_token()
    {
        Populate();
        var before = Probe().Identity();
        var copy = Path.Combine(_dir, "copy");
        File.WriteAllText(copy, "uuid: u\nseqno: 42\n");
        File.Move(copy, Path.Combine(_dir, "grastate.dat"), overwrite: true);
        var copied = Probe().Identity();

        Assert.NotEqual(before.Token, copied.Token);
        Assert.Contains("grastate.dat was replaced", copied.DifferenceFrom(before), StringComparison.Ordinal);

        File.Delete(Path.Combine(_dir, "ibdata1"));
        Assert.False(Probe().Identity().HasInnoDb);
    }

    [Fact]
    public void New_files_in_the_datadir_do_not_change_the_token()
    {
        Populate();
        var before = Probe().Identity();
        File.WriteAllText(Path.Combine(_dir, "tc.log"), "x");
        File.WriteAllText(Path.Combine(_dir, "mysql", "t.frm"), "x");

        Assert.Equal(before.Token, Probe().Identity().Token);
    }

    [Fact]
    public void A_missing_datadir_has_an_identity_too()
    {
        var missing = new StatxDatadirProbe(Microsoft.Extensions.Options.Options.Create(new GaleraOptions { DataDirectory = Path.Combine(_dir, "absent") })).Identity();

        Assert.All(missing.Files, f => Assert.False(f.Exists));
        Assert.False(missing.HasInnoDb);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
