using System.Globalization;
using KeyBuzz.Ctl.Cli;
using KeyBuzz.Ctl.Galera;
using KeyBuzz.Ctl.Output;

namespace KeyBuzz.Ctl.Commands;

/// <summary>
/// `kbctl galera config [--ram-mib N] [--buffer-pool-mib N] [--log-file-size-mib 512] [--gcache-mib 1024]
/// [--write-rate-kib-s R | --from-collector [--cluster C] [--rate-since 7d] [--ist-window 4h]] [--fc-limit 256]
/// [--keepalive 3] [--suspect 10] [--inactive 30] [--sst rsync|mariabackup --sst-user U --sst-password-file F]
/// [--slave-threads 4] [--out FILE]`: offline unless --from-collector. apply/drift/rollout: see GaleraApplyCommand.
/// </summary>
internal static class GaleraCommand
{
    public static async Task<int> RunAsync(Arguments args, Func<CollectorConnection> connect, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var action = args.Positional.Count > 0 ? args.Shift() : throw new UsageException("galera needs an action: config, apply, drift or rollout");
        if (action is "apply" or "drift" or "rollout")
        {
            using var collector = connect();
            return await GaleraApplyCommand.RunAsync(action, collector, args, json, output, cancellationToken);
        }

        if (action != "config")
        {
            throw new UsageException($"unknown galera action '{action}' (config, apply, drift, rollout)");
        }

        var passwordFile = args.Option("--sst-password-file");
        var explicitGcache = args.Has("--gcache-mib");
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
        if (args.Flag("--from-collector"))
        {
            var cluster = args.Option("--cluster") ?? string.Empty;
            var since = TimeArgument.Duration(args.Option("--rate-since") ?? "7d", "--rate-since");
            var away = TimeArgument.Duration(args.Option("--ist-window") ?? "4h", "--ist-window");
            args.EnsureConsumed(0);
            using var collector = connect();
            var peak = await CollectorWriteRate.PeakAsync(collector, cluster, since, cancellationToken)
                ?? throw new UsageException($"the collector has no write-rate history for the last {since.TotalHours:0.#} h (wsrep_replicated_bytes/wsrep_received_bytes): let the agents report longer or pass --write-rate-kib-s");
            settings = settings with
            {
                WriteRateKibPerSecond = Math.Max(peak / 1024, 0.001),
                GcacheMib = explicitGcache ? settings.GcacheMib : WriteRate.GcacheMib(peak, away),
            };
        }

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
