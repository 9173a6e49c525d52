using System.Runtime.InteropServices;
using KeyBuzz.Agent.Core.Evidence;
using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Io;

/// <summary>
/// Reads the datadir's identity with statx(2): .NET exposes neither inode numbers nor change times,
/// and spawning stat(1) every second would cost more than the whole sampling cycle.
/// </summary>
internal sealed partial class StatxDatadirProbe(IOptions<GaleraOptions> galera) : IDatadirProbe
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;

    public string Root => galera.Value.DataDirectory;

    public DatadirIdentity Identity()
    {
        var datadir = galera.Value.DataDirectory;
        return new DatadirIdentity([.. DatadirIdentity.Watched.Select(w => Stamp(datadir, w.Name, w.ContentsMatter))]);
    }

    private static FileStamp Stamp(string datadir, string name, bool contentsMatter)
    {
        var path = name == "." ? datadir : Path.Combine(datadir, name);
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, out var buffer) != 0)
        {
            // Missing (ENOENT/ENOTDIR) or unreadable: either way not the datadir the evidence came from.
            return FileStamp.Missing(name) with { ContentsMatter = contentsMatter };
        }

        var device = ((ulong)buffer.DevMajor << 32) | buffer.DevMinor;
        var ctime = (buffer.CtimeSeconds * 1_000_000_000L) + buffer.CtimeNanoseconds;
        return new FileStamp(name, true, device, buffer.Inode, (long)buffer.Size, ctime, contentsMatter);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

    /// <summary>struct statx (linux/stat.h): the same layout on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(32)] public ulong Inode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(96)] public long CtimeSeconds;
        [FieldOffset(104)] public uint CtimeNanoseconds;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;
    }
}
