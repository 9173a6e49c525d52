using System.Runtime.InteropServices;

namespace KeyBuzz.Agent.Io;

/// <summary>libc open(2)/close(2) for the probes that need a raw descriptor (.NET's File adds its own flock).</summary>
internal static partial class LibcFile
{
    public const int ReadOnly = 0;
    public const int Directory = 0x10000;
    public const int CloseOnExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);
}
