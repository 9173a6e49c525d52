using System.Globalization;
using System.Runtime.InteropServices;
using KeyBuzz.Chaos;

// kb-chaos RUNS SEED: see tests/chaos/run.sh.
if (args.Length != 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var runs) || runs < 1 ||
    !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seed))
{
    Console.Error.WriteLine("usage: kb-chaos RUNS SEED   (RUNS >= 1, SEED a non-negative whole number)");
    return 2;
}

if (Environment.UserName != "root")
{
    Console.Error.WriteLine("kb-chaos: run as root (tests/chaos/run.sh): the lab starts mariadbd as user mysql and uses iptables");
    return 2;
}

var lab = new ChaosLab();

// Interrupted (Ctrl-C, SIGTERM): stop everything this runner started before going.
void StopLab(PosixSignalContext context)
{
    Console.Error.WriteLine($"chaos: {context.Signal}: stopping the lab");
    lab.StopAsync().GetAwaiter().GetResult();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopLab);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopLab);
Console.WriteLine($"chaos: {runs} run(s), seed {seed}; lab in {lab.Cluster.Directory} on {lab.Cluster.Address(1)}-3");
await lab.StartAsync();
var passed = 0;
var failed = new List<string>();
try
{
    for (var run = 1; run <= runs; run++)
    {
        var runSeed = seed + run - 1;
        RunResult result;
        try
        {
            result = await new ChaosRun(lab, runSeed).ExecuteAsync();
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException or Grpc.Core.RpcException)
        {
            // The harness itself failed (a lab command that never finished, ...): a failed run, never a pass;
            // its logs are kept and the next run starts from a rebuilt lab.
            Console.WriteLine($"run {run} (seed {runSeed}): HARNESS ERROR: {ex.GetType().Name}: {ex.Message}");
            failed.Add($"seed {runSeed}");
            Console.WriteLine($"    logs of this run kept in {FailureLogs.Keep(lab.Cluster.Directory, runSeed)}");
            await lab.ResetAsync();
            continue;
        }

        Console.WriteLine($"run {run} (seed {runSeed}): {(result.Violations.Count == 0 ? "ok" : "VIOLATION")}: {result.Faults} → {result.Outcome}");
        foreach (var violation in result.Violations)
        {
            Console.WriteLine($"    ! {violation}");
        }

        if (result.Violations.Count == 0)
        {
            passed++;
        }
        else
        {
            failed.Add($"seed {runSeed}");
            Console.WriteLine($"    logs of this run kept in {FailureLogs.Keep(lab.Cluster.Directory, runSeed)}");
        }

        if (result.NeedsReset)
        {
            await lab.ResetAsync();
        }
    }
}
finally
{
    await lab.StopAsync();
}

Console.WriteLine($"{passed} passed, {failed.Count} failed{(failed.Count == 0 ? string.Empty : $" (replay one: tests/chaos/run.sh 1 SEED with {string.Join(", ", failed)})")}");
return failed.Count == 0 ? 0 : 1;
