using System.Runtime.InteropServices;

namespace KeyBuzz.Integration.Tests.Lab;

internal static partial class Signals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public static void Send(int pid, int signal) => _ = Kill(pid, signal);
}
