namespace KeyBuzz.Chaos;

/// <summary>
/// Keeps the logs of a run that violated an invariant before the lab is reset over them: a replay of
/// its seed may take other faults (the choice depends on which nodes run at that moment).
/// </summary>
internal static class FailureLogs
{
    private static readonly string[] Logs = ["collector/stdout.log", "agent1/stdout.log", "agent2/stdout.log", "agent3/stdout.log", "node1/error.log", "node2/error.log", "node3/error.log"];

    public static string Keep(string labDirectory, int seed)
    {
        var target = Path.Combine("/var/tmp/kb-chaos-failures", $"seed-{seed}");
        Directory.CreateDirectory(target);
        foreach (var log in Logs.Where(l => File.Exists(Path.Combine(labDirectory, l))))
        {
            File.Copy(Path.Combine(labDirectory, log), Path.Combine(target, log.Replace('/', '-')), overwrite: true);
        }

        return target;
    }
}
