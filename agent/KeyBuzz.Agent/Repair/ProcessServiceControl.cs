using System.Globalization;
using KeyBuzz.Agent.Core.Repair;
using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Repair;

/// <summary>
/// Starts mariadbd directly (the lab): detached in its own session so it outlives the agent, its
/// pid written to Galera:PidFile where the process probe and the lab tool find it.
/// </summary>
internal sealed class ProcessServiceControl(CommandRunner runner, IProcessProbe probe, IOptions<RepairOptions> repair, IOptions<GaleraOptions> galera, IOptions<AgentOptions> agent, TimeProvider time) : IServiceControl
{
    /// <summary>A clean InnoDB shutdown of a large buffer pool takes minutes; a SIGKILL is immediate.</summary>
    private static readonly TimeSpan CleanStopTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan KillTimeout = TimeSpan.FromSeconds(15);

    public Task StartAsync(LocalPosition? position, CancellationToken cancellationToken) =>
        LaunchAsync(position is null ? [] : [$"--wsrep_start_position={position}"], cancellationToken);

    public Task BootstrapAsync(LocalPosition position, CancellationToken cancellationToken) =>
        LaunchAsync(["--wsrep-new-cluster", $"--wsrep_start_position={position}"], cancellationToken);

    public async Task StopAsync(bool kill, CancellationToken cancellationToken)
    {
        var text = File.Exists(galera.Value.PidFile) ? (await File.ReadAllTextAsync(galera.Value.PidFile, cancellationToken)).Trim() : string.Empty;
        if (!probe.IsMariadbRunning() || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 1)
        {
            return; // already down
        }

        var (code, output) = await runner.RunAsync("/bin/kill", [kill ? "-KILL" : "-TERM", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10), cancellationToken);
        if (code != 0 && probe.IsMariadbRunning())
        {
            throw new IOException($"kill {(kill ? "-KILL" : "-TERM")} {pid} failed (exit {code}): {output.Trim()}");
        }

        var deadline = time.GetUtcNow() + (kill ? KillTimeout : CleanStopTimeout);
        while (probe.IsMariadbRunning())
        {
            if (time.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"mariadbd (pid {pid}) still running {(kill ? KillTimeout : CleanStopTimeout).TotalSeconds:0} s after {(kill ? "SIGKILL" : "SIGTERM")}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }

    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync(kill: false, cancellationToken);
        await StartAsync(null, cancellationToken); // a clean stop leaves grastate.dat with the position
    }

    private async Task LaunchAsync(IReadOnlyList<string> extra, CancellationToken cancellationToken)
    {
        var datadir = galera.Value.DataDirectory;
        // An empty gvwstate.dat left by a crash blocks joining when pc.recovery is attempted (codership/galera#354).
        var gvwstate = Path.Combine(datadir, "gvwstate.dat");
        if (File.Exists(gvwstate) && new FileInfo(gvwstate).Length == 0)
        {
            File.Delete(gvwstate);
        }

        var log = Path.Combine(agent.Value.StateDirectory, "mariadbd-start.log");
        Directory.CreateDirectory(agent.Value.StateDirectory);
        // setsid: mariadbd gets its own session, so it outlives the agent; $! is its pid (setsid execs in place).
        var args = new List<string> { "-c", "setsid \"$0\" \"$@\" >>\"$KB_LOG\" 2>&1 </dev/null & echo $!", repair.Value.MariadbdPath, $"--defaults-file={repair.Value.DefaultsFile}" };
        args.AddRange(extra);
        var (code, output) = await runner.RunAsync("/bin/sh", args, TimeSpan.FromSeconds(30), cancellationToken, new Dictionary<string, string> { ["KB_LOG"] = log });
        if (code != 0 || !int.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            throw new IOException($"could not launch mariadbd (exit {code}): {output.Trim()}");
        }

        await File.WriteAllTextAsync(galera.Value.PidFile, pid.ToString(CultureInfo.InvariantCulture) + "\n", cancellationToken);
    }
}
