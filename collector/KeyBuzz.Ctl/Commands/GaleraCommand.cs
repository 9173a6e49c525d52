using System.Globalization;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Galera;
using KeyBuzz.Ctl.Output;

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
            RamMib = args.LongOption("--ram-mib", 4096),
            BufferPoolMib = args.LongOption("--buffer-pool-mib", 0),
            LogFileSizeMib = args.LongOption("--log-file-size-mib", 512),
            GcacheMib = args.LongOption("--gcache-mib", 1024),
            WriteRateKibPerSecond = args.DoubleOption("--write-rate-kib-s", 0),
            FcLimit = args.LongOption("--fc-limit", 256),
            KeepaliveSeconds = args.DoubleOption("--keepalive", 3),
            SuspectSeconds = args.DoubleOption("--suspect", 10),
            InactiveSeconds = args.DoubleOption("--inactive", 30),
            SstMethod = args.Option("--sst") ?? "rsync",
            SstUser = args.Option("--sst-user") ?? string.Empty,
            SstPassword = passwordFile is null ? string.Empty
                : File.Exists(passwordFile) ? (await File.ReadAllTextAsync(passwordFile)).Trim()
                : throw new UsageException($"--sst-password-file {passwordFile} does not exist"),
            SlaveThreads = (int)Math.Clamp(args.LongOption("--slave-threads", 4), int.MinValue, int.MaxValue),
        };
        var outFile = args.Option("--out");
        args.EnsureConsumed(0);

        var errors = GaleraValidator.Validate(settings);
        if (errors.Count > 0)
        {
            return await GeneratedFiles.RefuseAsync(errors, error);
        }

        var fragment = GaleraConfigRenderer.Render(settings);
        if (outFile is null)
        {
            await output.WriteAsync(fragment);
        }
        else
        {
            await GeneratedFiles.WriteSecretAsync(outFile, fragment, output, groupReadable: true); // may hold the SST password
        }

        return ExitCodes.Ok;
    }
}
