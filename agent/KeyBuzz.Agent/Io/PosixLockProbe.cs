using System.Runtime.InteropServices;

namespace KeyBuzz.Agent.Io;

/// <summary>
/// Asks the kernel which process holds a POSIX lock on a file (fcntl F_GETLK). Every running
/// mariadbd, a `--wsrep-recover` run included, holds a write lock on InnoDB's ibdata1: that names a
/// server using the datadir even when no pid file says so (Debian's galera_recovery, a hand run).
/// libc open(2), not .NET's File: .NET adds its own flock(2) on open, and this probe must leave no
/// trace on the server's files.
/// </summary>
internal static partial class PosixLockProbe
{
    private const int FGetLk = 5;
    private const short FWrLck = 1;
    private const short FUnLck = 2;

    /// <summary>The holder's pid; 0 when a lock is held by a process we cannot name (an open file description lock, another pid namespace); null when none or the file cannot be read.</summary>
    public static int? Holder(string path)
    {
        var fd = LibcFile.Open(path, LibcFile.ReadOnly | LibcFile.CloseOnExec);
        if (fd < 0)
        {
            return null; // missing or unreadable: no evidence either way, the pid file still speaks
        }

        try
        {
            // Asking for a write lock on the whole file reports any lock, read or write, that would conflict.
            var query = new Flock { Type = FWrLck, Whence = 0, Start = 0, Length = 0 };
            if (Fcntl(fd, FGetLk, ref query) != 0 || query.Type == FUnLck)
            {
                return null;
            }

            return Math.Max(query.Pid, 0);
        }
        finally
        {
            _ = LibcFile.Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, ref Flock flock);

    /// <summary>struct flock (fcntl.h) on 64-bit Linux: short, short, off_t, off_t, pid_t.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Flock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }
}
