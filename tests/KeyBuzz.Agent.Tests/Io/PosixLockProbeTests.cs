using System.Diagnostics;
using KeyBuzz.Agent.Io;

namespace KeyBuzz.Agent.Tests.Io;

/// <summary>Real locks taken by a real process: perl (perl-base is essential on Debian) holds them the way mariadbd does, with fcntl F_SETLK.</summary>
public sealed class PosixLockProbeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kb-lock-").FullName;

    [Fact]
    public void A_file_nobody_locks_has_no_holder()
    {
        var path = Path.Combine(_dir, "ibdata1");
        File.WriteAllText(path, "x");
        Assert.Null(PosixLockProbe.Holder(path));
    }

    [Fact]
    public void A_missing_file_has_no_holder() =>
        Assert.Null(PosixLockProbe.Holder(Path.Combine(_dir, "absent")));

    [Theory]
    [InlineData("F_WRLCK", "+<")]
    [InlineData("F_RDLCK", "<")]
    public void A_lock_held_by_another_process_names_its_pid(string lockType, string openMode)
    {
        var path = Path.Combine(_dir, "ibdata1");
        File.WriteAllText(path, "x");
        var script = $"use Fcntl; open(my $f, '{openMode}', $ARGV[0]) or die \"open: $!\"; my $l = pack('s s x4 q q l x4', {lockType}, 0, 0, 0, 0); fcntl($f, F_SETLK, $l) or die \"lock: $!\"; $| = 1; print \"locked\\n\"; <STDIN>;";
        var info = new ProcessStartInfo("perl") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add("-e");
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(path);
        using var holder = Process.Start(info)!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine());
            Assert.Equal(holder.Id, PosixLockProbe.Holder(path));
        }
        finally
        {
            holder.StandardInput.Close(); // perl returns from <STDIN> and exits, releasing the lock
            holder.WaitForExit(10_000);
        }

        Assert.Null(PosixLockProbe.Holder(path));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
