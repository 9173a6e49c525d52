using KeyBuzz.Agent.Core.Evidence;
using static KeyBuzz.Agent.Core.Tests.Evidence.Datadirs;

namespace KeyBuzz.Agent.Core.Tests.Evidence;

public sealed class DatadirIdentityTests
{
    public static TheoryData<string, DatadirIdentity, bool, string> Changes => new()
    {
        { "nothing changed", Stopped(), true, string.Empty },
        { "wiped and re-created with mariadb-install-db (new ibdata1)", Stopped(ibdataInode: 990100), false, "ibdata1 was replaced" },
        { "grastate.dat copied from another node (new inode)", Stopped(grastateInode: 990200), false, "grastate.dat was replaced" },
        { "grastate.dat edited in place (change time moves, cp -p cannot set it back)", Stopped(grastateCtime: 1_796_200_000_000_000_000), false, "grastate.dat was written" },
        { "a server ran on it (InnoDB written)", Stopped(ibdataCtime: 1_796_300_000_000_000_000), false, "ibdata1 was written" },
        { "datadir removed", Wiped(), false, "ibdata1 disappeared" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_to_the_datadir_changes_the_token(string name, DatadirIdentity now, bool same, string difference)
    {
        var before = Stopped();

        Assert.True(same == (now.Token == before.Token), name);
        Assert.Contains(difference, now.DifferenceFrom(before), StringComparison.Ordinal);
        Assert.Equal(same, Recovered(datadir: before).IsFreshFor(now));
    }

    [Fact]
    public void Files_created_in_the_datadir_or_mysql_directory_do_not_count()
    {
        var busy = new DatadirIdentity([.. Stopped().Files.Select(f => f.ContentsMatter ? f : f with { ChangeTimeNs = 999, Size = 8192 })]);

        Assert.Equal(Stopped().Token, busy.Token);
    }

    [Fact]
    public void Token_is_short_and_stable()
    {
        Assert.Equal(16, Stopped().Token.Length);
        Assert.Equal(Stopped().Token, Stopped().Token);
        Assert.False(Wiped().HasInnoDb);
        Assert.True(Stopped().HasInnoDb);
    }
}
