using KeyBuzz.Agent.Core.Repair;
using KeyBuzz.Agent.Io;
using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Repair;

/// <summary>
/// systemd: `systemctl start mariadb` (MariaDB's unit runs galera_recovery itself and passes the
/// recovered --wsrep_start_position), and for a bootstrap the packaged oneshot unit that runs
/// galera_new_cluster. The agent is unprivileged: a polkit rule lets its user start exactly these.
/// </summary>
internal sealed class SystemdServiceControl(CommandRunner runner, IOptions<RepairOptions> options) : IServiceControl
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    public async Task StartAsync(LocalPosition? position, CancellationToken cancellationToken)
    {
        var (code, output) = await runner.RunAsync("/usr/bin/systemctl", ["start", "--no-block", options.Value.SystemdUnit], Timeout, cancellationToken);
        if (code != 0)
        {
            throw new IOException($"systemctl start {options.Value.SystemdUnit} failed (exit {code}): {output.Trim()}");
        }
    }

    public Task StopAsync(bool kill, CancellationToken cancellationToken) =>
        SystemctlAsync(kill ? ["kill", "--signal=SIGKILL", options.Value.SystemdUnit] : ["stop", options.Value.SystemdUnit], cancellationToken);

    /// <summary>Waits for the unit: MariaDB's Type=notify unit is ready only after the node joined (IST/SST included).</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => SystemctlAsync(["restart", options.Value.SystemdUnit], cancellationToken);

    private async Task SystemctlAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (code, output) = await runner.RunAsync("/usr/bin/systemctl", args, Timeout, cancellationToken);
        if (code != 0)
        {
            throw new IOException($"systemctl {string.Join(' ', args)} failed (exit {code}): {output.Trim()}");
        }
    }

    public async Task BootstrapAsync(LocalPosition position, CancellationToken cancellationToken)
    {
        var (code, output) = await runner.RunAsync("/usr/bin/systemctl", ["start", options.Value.BootstrapUnit], Timeout, cancellationToken);
        if (code != 0)
        {
            throw new IOException($"systemctl start {options.Value.BootstrapUnit} (galera_new_cluster) failed (exit {code}): {output.Trim()}");
        }
    }
}
