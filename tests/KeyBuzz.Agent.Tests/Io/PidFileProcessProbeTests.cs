using KeyBuzz.Agent.Io;

namespace KeyBuzz.Agent.Tests.Io;

public sealed class PidFileProcessProbeTests
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "running", "17112 (mariadbd) S 1 17111 17111 0 -1 4194560 12345 0 0 0", false },
        { "zombie waiting to be reaped", "17112 (mariadbd) Z 1 17111 17111 0 -1 4227084 12345 0 0 0", true },
        { "tearing down after SIGKILL (PF_EXITING)", "17112 (mariadbd) D 1 17111 17111 0 -1 4194564 12345 0 0 0", true },
        { "a name with spaces and parentheses", "17112 (my (odd) d) S 1 17111 17111 0 -1 4194560 1 0 0 0", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exiting_processes_count_as_down(string name, string stat, bool exiting) =>
        Assert.True(exiting == PidFileProcessProbe.IsExiting(stat), name);

    [Fact]
    public void This_process_is_not_exiting() =>
        Assert.False(PidFileProcessProbe.IsExiting(File.ReadAllText($"/proc/{Environment.ProcessId}/stat")));

    public static TheoryData<string, string, int, string, bool> Recoveries => new()
    {
        { "the agent's child (process mode)", "mariadbd\0--defaults-file=/lab/n1.cnf\0--wsrep-recover\0--skip-networking\0", 4242, "0::/user.slice/session-1.scope", true },
        { "the agent's recover unit (systemd mode)", "/usr/sbin/mariadbd\0--wsrep-recover\0--skip-networking\0", 1, "0::/system.slice/keybuzz-wsrep-recover.service", true },
        { "galera_recovery in mariadb.service", "/usr/sbin/mariadbd\0--user=mysql\0--wsrep_recover\0--disable-log-error\0", 1, "0::/system.slice/mariadb.service", false },
        { "a server the agent started (its own session)", "mariadbd\0--defaults-file=/lab/n1.cnf\0--wsrep-new-cluster\0", 1, "0::/user.slice/session-1.scope", false },
        { "a unit whose name only ends like ours", "/usr/sbin/mariadbd\0--wsrep-recover\0", 1, "0::/system.slice/other-keybuzz-wsrep-recover.service", false },
        { "a recovery started by someone else in the agent's own session", "mariadbd\0--wsrep-recover\0", 977, "0::/user.slice/session-1.scope", false },
    };

    [Theory]
    [MemberData(nameof(Recoveries))]
    public void Only_the_agents_own_recovery_run_is_not_a_running_server(string name, string cmdline, int parent, string cgroup, bool own)
    {
        const int Agent = 4242;
        var stat = $"17112 (mariadbd) S {parent} 17111 17111 0 -1 4194560 12345 0 0 0";
        Assert.True(own == PidFileProcessProbe.IsOwnRecovery(cmdline, stat, cgroup, Agent, "keybuzz-wsrep-recover.service"), name);
    }
}
