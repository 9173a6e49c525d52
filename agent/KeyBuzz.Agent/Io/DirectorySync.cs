using System.Runtime.InteropServices;

namespace KeyBuzz.Agent.Io;

/// <summary>fsync(2) of a directory, so a rename into it is on disk: .NET has no API for it.</summary>
internal static partial class DirectorySync
{
    private const int OReadOnly = 0;
    private const int ODirectory = 0x10000;
    private const int OCloseOnExec = 0x80000;

    public static void Flush(string directory)
    {
        var fd = Open(directory, OReadOnly | ODirectory | OCloseOnExec);
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
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
