namespace KeyBuzz.Ctl.Output;

/// <summary>Output of the offline generators (proxysql config, galera config): refusals, or files that may hold passwords.</summary>
internal static class GeneratedFiles
{
    /// <summary>Prints every refusal and says nothing was generated; returns the usage exit code.</summary>
    public static async Task<int> RefuseAsync(IReadOnlyList<string> errors, TextWriter error)
    {
        foreach (var e in errors)
        {
            await error.WriteLineAsync($"kbctl: {e}");
        }

        await error.WriteLineAsync("kbctl: nothing was generated");
        return Cli.ExitCodes.Usage;
    }

    /// <summary>Writes a file readable by its owner (and group when <paramref name="groupReadable"/>) only.</summary>
    public static async Task WriteSecretAsync(string path, string content, TextWriter output, bool groupReadable = false)
    {
        await File.WriteAllTextAsync(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | (groupReadable ? UnixFileMode.GroupRead : UnixFileMode.None));
        }

        await output.WriteLineAsync($"wrote {path}");
    }
}
