namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>Where the repository, the lab tool and the published binaries are.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string LabTool => Path.Combine(Root, "packaging", "lab", "kb-lab");

    public static string Artifacts => Environment.GetEnvironmentVariable("KB_ARTIFACTS") is { Length: > 0 } a ? a : Path.Combine(Root, "artifacts");

    public static string Binary(string relative)
    {
        var path = Path.Combine(Artifacts, relative);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is missing: run tests/run.sh (or packaging/lab/kb-lab build) to publish the agent, collector and kbctl first");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KeyBuzz.Agents.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find KeyBuzz.Agents.sln above the test binaries");
    }
}
