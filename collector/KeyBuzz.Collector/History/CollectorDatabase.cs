using KeyBuzz.Collector.Options;
using LiteDB;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Collector.History;

/// <summary>The collector's one LiteDB file (history, membership, maintenance, recovery rounds).</summary>
internal sealed class CollectorDatabase : IDisposable
{
    public CollectorDatabase(IOptions<CollectorOptions> options)
    {
        var directory = options.Value.DataDirectory;
        Directory.CreateDirectory(directory);
        FilePath = Path.Combine(directory, "history.db");
        Database = new LiteDatabase(new ConnectionString { Filename = FilePath, Connection = ConnectionType.Direct });
    }

    public string FilePath { get; }

    public LiteDatabase Database { get; }

    /// <summary>
    /// LiteDB 5 hands committed pages to a background writer; a checkpoint waits for it and moves them
    /// into the data file. Called before anything that must survive a SIGKILL is acknowledged or acted on.
    /// </summary>
    public void MakeDurable() => Database.Checkpoint();

    public void Dispose() => Database.Dispose();
}
