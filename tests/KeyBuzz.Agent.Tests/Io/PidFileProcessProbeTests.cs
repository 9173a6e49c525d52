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
}
