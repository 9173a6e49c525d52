using System.Diagnostics;

namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>Runs the published kbctl binary, as an operator would.</summary>
internal static class Kbctl
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string collectorUrl, params string[] args)
    {
        var info = new ProcessStartInfo(RepoPaths.Binary("kbctl/kbctl")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--collector");
        info.ArgumentList.Add(collectorUrl);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }
}
