using System.Globalization;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Galera;

namespace KeyBuzz.Ctl.Commands;

/// <summary>
/// `kbctl galera config [--ram-mib N] [--buffer-pool-mib N] [--log-file-size-mib 512] [--gcache-mib 1024]
/// [--write-rate-kib-s R] [--fc-limit 256] [--keepalive 3] [--suspect 10] [--inactive 30]
/// [--sst rsync|mariabackup --sst-user U --sst-password-file F] [--slave-threads 4] [--out FILE]`. Offline.
/// </summary>
internal static class GaleraCommand
{
    public static async Task<int> RunAsync(Arguments args, TextWriter output, TextWriter error)
    {
        var action = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("galera needs an action: config");
        if (action != "config")
        {
            throw new UsageException($"unknown galera action '{action}' (config; the rolling apply is not available yet)");
        }

        var passwordFile = args.Option("--sst-password-file");
        var settings = new GaleraSettings
        {
            RamMib = Long(args, "--ram-mib", 4096),
            BufferPoolMib = Long(args, "--buffer-pool-mib", 0),
            LogFileSizeMib = Long(args, "--log-file-size-mib", 512),
            GcacheMib = Long(args, "--gcache-mib", 1024),
            WriteRateKibPerSecond = Double(args, "--write-rate-kib-s", 0),
            FcLimit = Long(args, "--fc-limit", 256),
            KeepaliveSeconds = Double(args, "--keepalive", 3),
            SuspectSeconds = Double(args, "--suspect", 10),
            InactiveSeconds = Double(args, "--inactive", 30),
            SstMethod = args.Option("--sst") ?? "rsync",
            SstUser = args.Option("--sst-user") ?? string.Empty,
            SstPassword = passwordFile is null ? string.Empty
                : File.Exists(passwordFile) ? (await File.ReadAllTextAsync(passwordFile)).Trim()
                : throw new UsageException($"--sst-password-file {passwordFile} does not exist"),
            SlaveThreads = (int)Long(args, "--slave-threads", 4),
        };
        var outFile = args.Option("--out");
        args.EnsureConsumed(0);

        var errors = GaleraValidator.Validate(settings);
        if (errors.Count > 0)
        {
            foreach (var e in errors)
            {
                await error.WriteLineAsync($"kbctl: {e}");
            }

            await error.WriteLineAsync("kbctl: nothing was generated");
            return ExitCodes.Usage;
        }

        var fragment = GaleraConfigRenderer.Render(settings);
        if (outFile is null)
        {
            await output.WriteAsync(fragment);
        }
        else
        {
            await File.WriteAllTextAsync(outFile, fragment);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(outFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead); // may hold the SST password
            }

            await output.WriteLineAsync($"wrote {outFile}");
        }

        return ExitCodes.Ok;
    }

    private static long Long(Arguments args, string option, long fallback) =>
        args.Option(option) is { } text
            ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new UsageException($"{option} '{text}' is not a whole number")
            : fallback;

    private static double Double(Arguments args, string option, double fallback) =>
        args.Option(option) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : throw new UsageException($"{option} '{text}' is not a number")
            : fallback;
}
