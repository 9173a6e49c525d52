namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>A private temporary directory, removed at the end of the test.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("kb-it-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
