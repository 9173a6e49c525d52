using System.Text.RegularExpressions;
using KeyBuzz.Agent.Io;

namespace KeyBuzz.Agent.Repair;

/// <summary>
/// The only code that edits grastate.dat, and only for a granted bootstrap: keeps a backup, writes
/// a temp file, fsyncs and renames it over the original (Galera itself rewrites in place), and
/// keeps the original owner so mariadbd can still write it.
/// </summary>
internal sealed partial class GrastateEditor(CommandRunner runner)
{
    public async Task<string?> EnsureSafeToBootstrapAsync(string dataDirectory, string backupTag, CancellationToken cancellationToken)
    {
        var path = Path.Combine(dataDirectory, "grastate.dat");
        if (!File.Exists(path))
        {
            return null; // Galera treats a missing grastate.dat as safe; the position comes from --wsrep_start_position
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken);
        if (SafeLine().IsMatch(text) && SafeLine().Match(text).Groups[1].Value == "1")
        {
            return null;
        }

        var updated = SafeLine().IsMatch(text)
            ? SafeLine().Replace(text, "safe_to_bootstrap: 1")
            : text.TrimEnd('\n') + "\nsafe_to_bootstrap: 1\n";
        var backup = $"{path}.kb-{backupTag}.bak";
        File.Copy(path, backup, overwrite: true);
        var temp = $"{path}.kb-tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(updated), cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        await runner.RunAsync("/bin/chown", ["--reference", path, temp], TimeSpan.FromSeconds(10), cancellationToken);
        File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
        File.Move(temp, path, overwrite: true);
        return backup;
    }

    /// <summary>
    /// An empty datadir joins only by a full SST: a grastate.dat that claims a position there (copied
    /// by hand from a peer) would make Galera ask for an IST onto nothing. It is renamed aside, never deleted.
    /// </summary>
    public static string? SetAsideOnEmptyDatadir(string dataDirectory, KeyBuzz.Agent.Core.OnDisk.GrastateFile? grastate, string tag)
    {
        var path = Path.Combine(dataDirectory, "grastate.dat");
        if (grastate is not { HasPosition: true } || !File.Exists(path))
        {
            return null;
        }

        var aside = $"{path}.kb-{tag}.bak";
        File.Move(path, aside, overwrite: true);
        return aside;
    }

    [GeneratedRegex(@"^safe_to_bootstrap:\s*(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex SafeLine();
}
