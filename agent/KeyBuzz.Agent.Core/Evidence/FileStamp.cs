using System.Globalization;

namespace KeyBuzz.Agent.Core.Evidence;

/// <summary>
/// What stat says of one file of the datadir: enough to tell that it was replaced (device, inode)
/// or written (size, change time — which, unlike the modification time, user space cannot set back).
/// </summary>
/// <param name="Name">Path relative to the datadir ("." is the datadir itself).</param>
/// <param name="ContentsMatter">False for directories: only which directory it is counts, not what was created in it.</param>
public sealed record FileStamp(string Name, bool Exists, ulong Device, ulong Inode, long Size, long ChangeTimeNs, bool ContentsMatter)
{
    public static FileStamp Missing(string name) => new(name, false, 0, 0, 0, 0, true);

    /// <summary>The canonical text the identity token is made of.</summary>
    public string Canonical() => !Exists
        ? $"{Name}=-"
        : ContentsMatter
            ? string.Create(CultureInfo.InvariantCulture, $"{Name}={Device}:{Inode}:{Size}:{ChangeTimeNs}")
            : string.Create(CultureInfo.InvariantCulture, $"{Name}={Device}:{Inode}");

    /// <summary>How this file differs from what it was, in operator words (null when it does not).</summary>
    public string? DifferenceFrom(FileStamp before)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (Canonical() == before.Canonical())
        {
            return null;
        }

        if (Exists != before.Exists)
        {
            return Exists ? $"{Name} appeared" : $"{Name} disappeared";
        }

        if (Device != before.Device || Inode != before.Inode)
        {
            return $"{Name} was replaced (inode {before.Inode} → {Inode})";
        }

        return $"{Name} was written (size {before.Size} → {Size})";
    }
}
