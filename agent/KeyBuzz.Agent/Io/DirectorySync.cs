using System.Runtime.InteropServices;

namespace KeyBuzz.Agent.Io;

/// <summary>fsync(2) of a directory, so a rename into it is on disk: .NET has no API for it.</summary>
internal static partial class DirectorySync
{
    public static void Flush(string directory)
    {
        var fd = LibcFile.Open(directory, LibcFile.ReadOnly | LibcFile.Directory | LibcFile.CloseOnExec);
        if (fd < 0)
        {
            throw new IOException($"cannot open {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = LibcFile.Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);
}
