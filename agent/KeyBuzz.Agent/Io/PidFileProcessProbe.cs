using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Io;

/// <summary>
/// Reads the pid file and checks /proc. A crash leaves a stale pid file behind, so the process
/// name is checked too (a recycled pid then reads as "down", which is what it is). A mariadbd with
/// no pid file (galera_recovery's `--wsrep-recover` before the unit starts the server, a hand run)
/// is found by the lock it holds on ibdata1; not counted: the agent's own recovery run, and a
/// killed holder the kernel is tearing down (its lock goes with it, before a new server gets that far).
/// </summary>
internal sealed class PidFileProcessProbe(IOptions<GaleraOptions> options, IOptions<RepairOptions> repair) : IProcessProbe
{
    private readonly string _pidFile = options.Value.PidFile;
    private readonly string _systemTablespace = Path.Combine(options.Value.DataDirectory, "ibdata1");
    private readonly string _recoverUnit = repair.Value.RecoverUnit;

    public bool IsMariadbRunning() => PidFileProcessAlive() || ForeignDatadirUser() is not null;

    public bool IsNodeServerRunning() => PidFileProcessAlive();

    private int? ForeignDatadirUser() =>
        PosixLockProbe.Holder(_systemTablespace) is { } pid && !IsOwnRecoveryOrExiting(pid) ? pid : null;

    private bool IsOwnRecoveryOrExiting(int pid)
    {
        if (pid <= 0)
        {
            return false; // a holder we cannot name cannot be shown to be ours
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return IsExiting(stat) || IsOwnRecovery(File.ReadAllText($"/proc/{pid}/cmdline"), stat, File.ReadAllText($"/proc/{pid}/cgroup"), Environment.ProcessId, _recoverUnit);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// The agent's own `--wsrep-recover`: its child (process mode) or a process of its recover unit
    /// (systemd mode). It must not read as "mariadbd running", or the position it reports would
    /// come with a node that looks alive.
    /// </summary>
    internal static bool IsOwnRecovery(string cmdline, string stat, string cgroup, int agentPid, string recoverUnit)
    {
        var recovering = cmdline.Split('\0').Any(a => a is "--wsrep-recover" or "--wsrep_recover");
        return recovering && (ParentPid(stat) == agentPid || cgroup.Split('\n').Any(line => line.EndsWith('/' + recoverUnit, StringComparison.Ordinal)));
    }

    private bool PidFileProcessAlive()
    {
        if (string.IsNullOrEmpty(_pidFile) || !File.Exists(_pidFile))
        {
            return false;
        }

        var text = File.ReadAllText(_pidFile).Trim();
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            return false;
        }

        try
        {
            var comm = File.ReadAllText($"/proc/{pid}/comm").Trim();
            return comm is "mariadbd" or "mysqld" && !IsExiting(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int ParentPid(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ppid) ? ppid : -1;
    }

    /// <summary>
    /// A killed mariadbd stays in /proc while the kernel tears it down (PF_EXITING) and until its
    /// parent reaps it (zombie): it is already down, and saying so at once is what detection is about.
    /// </summary>
    internal static bool IsExiting(string stat)
    {
        const long PfExiting = 0x4;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 6 && (fields[0] is "Z" or "X" || (long.TryParse(fields[6], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var flags) && (flags & PfExiting) != 0));
    }
}
