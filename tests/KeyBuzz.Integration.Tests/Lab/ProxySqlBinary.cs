namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>The ProxySQL the lab runs: $KB_PROXYSQL_BIN, else proxysql on PATH, else the project's copy in ../shared/bin (as kb-lab finds it).</summary>
internal static class ProxySqlBinary
{
    public static string? Path { get; } = Find();

    public const string SkipReason = "no ProxySQL binary: set KB_PROXYSQL_BIN, put proxysql on PATH, or provide ../shared/bin/proxysql (ProxySQL is not packaged for Debian)";

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("KB_PROXYSQL_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => System.IO.Path.Combine(d, "proxysql")).FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return onPath;
        }

        var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoPaths.Root, "..", "shared", "bin", "proxysql"));
        return File.Exists(shared) ? shared : null;
    }
}
