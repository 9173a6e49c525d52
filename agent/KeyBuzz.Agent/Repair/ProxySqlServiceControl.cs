using System.Globalization;
using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Repair;

/// <summary>Stops and starts the local ProxySQL for a drill: systemctl in production, the pid file and start command in the lab.</summary>
internal sealed class ProxySqlServiceControl(CommandRunner runner, IOptions<ProxySqlOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public async Task StopAsync(bool kill, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.ServiceControl == "systemd")
        {
            await RunAsync("/usr/bin/systemctl", kill ? ["kill", "--signal=SIGKILL", o.SystemdUnit] : ["stop", o.SystemdUnit], cancellationToken);
            return;
        }

        if (Pid() is not { } pid)
        {
            return; // not running
        }

        await RunAsync("/bin/kill", [kill ? "-KILL" : "-TERM", pid.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        var deadline = time.GetUtcNow() + Timeout;
        while (Directory.Exists($"/proc/{pid}") && !IsZombie(pid))
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"proxysql (pid {pid}) still running {Timeout.TotalSeconds:0} s after the signal");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.ServiceControl == "systemd")
        {
            await RunAsync("/usr/bin/systemctl", ["start", o.SystemdUnit], cancellationToken);
            return;
        }

        if (Pid() is not null)
        {
            return; // already running
        }

        // setsid: ProxySQL outlives the agent; $! is its pid. Run in the foreground (-f), ProxySQL logs to its
        // output: appended to LogPath, so the log the agent reads goes on after a restart.
        var log = string.IsNullOrEmpty(o.LogPath) ? "/dev/null" : o.LogPath;
        var (code, output) = await runner.RunAsync("/bin/sh", ["-c", "log=$1; shift; setsid \"$@\" >>\"$log\" 2>&1 </dev/null & echo $!", "sh", log, .. o.StartCommand], TimeSpan.FromSeconds(30), cancellationToken);
        if (code != 0 || !int.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var started))
        {
            throw new IOException($"could not start proxysql (exit {code}): {output.Trim()}");
        }

        await File.WriteAllTextAsync(o.PidFile, started.ToString(CultureInfo.InvariantCulture) + "\n", cancellationToken);
    }

    private int? Pid()
    {
        var path = options.Value.PidFile;
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1 &&
            Directory.Exists($"/proc/{pid}") && !IsZombie(pid) ? pid : null;
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true; // gone while reading
        }
    }

    private async Task RunAsync(string file, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (code, output) = await runner.RunAsync(file, args, Timeout, cancellationToken);
        if (code != 0)
        {
            throw new IOException($"{Path.GetFileName(file)} {string.Join(' ', args)} failed (exit {code}): {output.Trim()}");
        }
    }
}
