namespace KeyBuzz.Collector.Tests;

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kb-collector-test-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
