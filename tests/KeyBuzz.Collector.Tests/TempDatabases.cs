using KeyBuzz.Collector.History;
using KeyBuzz.Collector.Options;

namespace KeyBuzz.Collector.Tests;

/// <summary>Real LiteDB databases in one temporary directory; opening again reopens the same file.</summary>
internal sealed class TempDatabases : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<CollectorDatabase> _opened = [];

    public IReadOnlyList<CollectorDatabase> Opened => _opened;

    public CollectorDatabase Open()
    {
        var database = new CollectorDatabase(Microsoft.Extensions.Options.Options.Create(new CollectorOptions { DataDirectory = _dir.Path }));
        _opened.Add(database);
        return database;
    }

    public void Dispose()
    {
        foreach (var database in _opened)
        {
            database.Dispose();
        }

        _dir.Dispose();
    }
}
