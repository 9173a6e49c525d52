using System.Globalization;
using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Repair;

/// <summary>
/// Replaces the Galera config fragment atomically (temp file, fsync, rename: mariadbd never reads a
/// half-written file) after copying the old one to the agent's state directory.
/// </summary>
internal sealed class ConfigFragmentWriter(IOptions<GaleraOptions> galera, IOptions<AgentOptions> agent, TimeProvider time)
{
    /// <summary>Returns the backup path, or null when there was no previous file.</summary>
    public async Task<string?> WriteAsync(string text, CancellationToken cancellationToken)
    {
        var path = galera.Value.ConfigFragmentPath;
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            throw new IOException($"{directory} does not exist: create it and include it from the MariaDB config (!includedir {directory}/)");
        }

        string? backup = null;
        if (File.Exists(path))
        {
            var backups = Path.Combine(agent.Value.StateDirectory, "config-backups");
            Directory.CreateDirectory(backups);
            backup = Path.Combine(backups, $"{Path.GetFileName(path)}.{time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture)}");
            File.Copy(path, backup, overwrite: false);
        }

        text = WithNodeProviderOptions(text, galera.Value.NodeProviderOptions);

        // Not *.cnf: mariadbd's !includedir must never pick up the temporary file.
        var temporary = path + ".kb-new";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        // The fragment may hold the SST password: owner and mariadbd's group only.
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.Move(temporary, path, overwrite: true);
        return backup;
    }

    /// <summary>Appends this node's own provider options to every wsrep_provider_options line (later options win in Galera).</summary>
    internal static string WithNodeProviderOptions(string text, string nodeOptions)
    {
        if (nodeOptions.Trim().Length == 0)
        {
            return text;
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim(); // the collector sends option lines without trailing comments
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || line[..equals].Trim().Replace('-', '_') != "wsrep_provider_options")
            {
                continue;
            }

            var value = line[(equals + 1)..].Trim().Trim('"', '\'').TrimEnd(';');
            lines[i] = $"wsrep_provider_options=\"{value};{nodeOptions.Trim().Trim(';')}\"";
        }

        return string.Join('\n', lines);
    }
}
