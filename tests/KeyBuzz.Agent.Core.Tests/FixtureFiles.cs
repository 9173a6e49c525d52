namespace KeyBuzz.Agent.Core.Tests;

internal static class FixtureFiles
{
    public static string Read(string relative) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", relative));
}
