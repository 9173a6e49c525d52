using KeyBuzz.Agent.Core.Recovery;
using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Repair;

/// <summary>
/// Runs `mariadbd --wsrep-recover` on the stopped datadir, the way galera_recovery does. The caller
/// holds the node action lock and has just checked that mariadbd is not running; InnoDB's own file
/// lock would make a run against a live server fail rather than do harm.
/// </summary>
internal sealed class WsrepRecoverRunner(CommandRunner runner, IProcessProbe probe, IOptions<RepairOptions> repair)
{
    public async Task<WsrepRecoverOutput> RunAsync(CancellationToken cancellationToken)
    {
        if (probe.IsMariadbRunning())
        {
            return new WsrepRecoverOutput(null, -1, false, "mariadbd is running: --wsrep-recover must never run against a live server");
        }

        var o = repair.Value;
        if (o.ServiceControl == "systemd")
        {
            return await RunUnitAsync(o, cancellationToken);
        }

        var log = Path.Combine(Path.GetTempPath(), $"kb-wsrep-recover-{Environment.ProcessId}-{Guid.NewGuid():N}.log");
        // mariadbd drops to its own user before opening the log: let it write ours.
        await File.WriteAllTextAsync(log, string.Empty, cancellationToken);
        File.SetUnixFileMode(log, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
        try
        {
            var args = new List<string>();
            if (!string.IsNullOrWhiteSpace(o.DefaultsFile))
            {
                args.Add($"--defaults-file={o.DefaultsFile}");
            }

            args.AddRange(["--wsrep-recover", "--skip-networking", "--disable-log-error", $"--log-error={log}"]);
            if (Environment.UserName == "root")
            {
                args.Add($"--user={o.MariadbUser}");
            }

            var (exitCode, output) = await runner.RunAsync(o.MariadbdPath, args, TimeSpan.FromSeconds(o.RecoverTimeoutSeconds), cancellationToken);
            var text = await File.ReadAllTextAsync(log, cancellationToken) + "\n" + output;
            return WsrepRecoverOutput.Parse(text, exitCode);
        }
        finally
        {
            File.Delete(log);
        }
    }

    /// <summary>
    /// Production: the agent runs unprivileged, so mariadbd --wsrep-recover runs as mysql in its own
    /// packaged oneshot unit (polkit lets the agent start that unit and nothing else but mariadb).
    /// `systemctl start` of a oneshot returns when the run is over.
    /// </summary>
    private async Task<WsrepRecoverOutput> RunUnitAsync(RepairOptions o, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await runner.RunAsync("/usr/bin/systemctl", ["start", o.RecoverUnit], TimeSpan.FromSeconds(o.RecoverTimeoutSeconds), cancellationToken);
        var text = File.Exists(o.RecoverLog) ? await File.ReadAllTextAsync(o.RecoverLog, cancellationToken) : string.Empty;
        return exitCode != 0 && text.Length == 0
            ? new WsrepRecoverOutput(null, -1, false, $"systemctl start {o.RecoverUnit} failed (exit {exitCode}): {output.Trim()} (is the keybuzz-agent polkit rule installed?)")
            : WsrepRecoverOutput.Parse(text + "\n" + output, exitCode);
    }
}
