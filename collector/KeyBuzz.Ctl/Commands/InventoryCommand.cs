using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Inventory;

namespace KeyBuzz.Ctl.Commands;

/// <summary>
/// `kbctl inventory render servers.tsv --out DIR [--force]`: per-node agent configs and the collector's
/// files. Works offline (no collector needed). Nothing is written unless every row is valid.
/// </summary>
internal static class InventoryCommand
{
    public static async Task<int> RunAsync(Arguments args, TextWriter output, TextWriter error)
    {
        var action = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("inventory needs an action: render servers.tsv --out DIR");
        if (action != "render")
        {
            throw new UsageException($"unknown inventory action '{action}' (render)");
        }

        var file = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("inventory render needs the servers.tsv file");
        var outDir = args.Option("--out") ?? throw new UsageException("inventory render needs --out DIR");
        var force = args.Flag("--force");
        args.EnsureConsumed(0);
        if (!File.Exists(file))
        {
            throw new UsageException($"{file} does not exist");
        }

        var (inventory, errors) = InventoryParser.Parse(await File.ReadAllTextAsync(file), Path.GetFileName(file));
        if (inventory is null)
        {
            foreach (var e in errors)
            {
                await error.WriteLineAsync(e);
            }

            await error.WriteLineAsync($"kbctl: {errors.Count} problem(s) in {file}; nothing was written");
            return ExitCodes.Usage;
        }

        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any() && !force)
        {
            throw new UsageException($"{outDir} is not empty: choose another --out or add --force to overwrite");
        }

        foreach (var rendered in InventoryRenderer.Render(inventory))
        {
            var path = Path.Combine(outDir, rendered.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, rendered.Content);
            if (rendered.Executable && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            }

            await output.WriteLineAsync($"wrote {path}");
        }

        foreach (var warning in inventory.Warnings)
        {
            await error.WriteLineAsync($"warning: {warning}");
        }

        await output.WriteLineAsync("next: set Galera:Password in each MariaDB node's agent.json and ProxySql:Password (the radmin admin user's) in each ProxySQL node's, run collector/setup.sh on the collector host, copy each token and ca.crt to its node");
        return ExitCodes.Ok;
    }
}
