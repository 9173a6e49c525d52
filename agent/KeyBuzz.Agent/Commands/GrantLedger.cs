using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Commands;

/// <summary>Bootstrap grants this node has used, on disk, so a grant stays single-use across agent restarts.</summary>
internal sealed class GrantLedger(IOptions<AgentOptions> options)
{
    private readonly Lock _lock = new();
    private readonly string _path = Path.Combine(options.Value.StateDirectory, "used-grants.txt");

    public bool IsUsed(string grantId)
    {
        lock (_lock)
        {
            return File.Exists(_path) && File.ReadLines(_path).Any(l => l.Trim() == grantId);
        }
    }

    /// <summary>Recorded and fsynced before the bootstrap starts: a crash in between leaves it used, never reusable.</summary>
    public void MarkUsed(string grantId)
    {
        lock (_lock)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            using var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(System.Text.Encoding.UTF8.GetBytes(grantId + "\n"));
            stream.Flush(flushToDisk: true);
        }
    }
}
