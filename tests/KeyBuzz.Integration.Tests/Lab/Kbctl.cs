namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>Runs the published kbctl binary, as an operator would.</summary>
internal static class Kbctl
{
    /// <summary>kbctl as the lab's admin operator.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(LabSystem lab, params string[] args) =>
        RunWithTokenAsync(lab, lab.AdminToken, args);

    public static Task<(int ExitCode, string Output, string Error)> RunWithTokenAsync(LabSystem lab, string? token, params string[] args) =>
        Tool.RunAsync(RepoPaths.Binary("kbctl/kbctl"), ["--collector", lab.CollectorUrl, .. token is null ? Array.Empty<string>() : ["--token", token], .. args]);
}
