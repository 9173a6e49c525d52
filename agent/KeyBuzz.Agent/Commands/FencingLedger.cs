using System.Globalization;
using KeyBuzz.Agent.Core.Fencing;
using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;

namespace KeyBuzz.Agent.Commands;

/// <summary>
/// The highest fencing token this agent has seen (from a leader's advice or command), on disk and
/// fsynced before anything acts on it, so an agent restart does not let a deposed leader back in.
/// </summary>
internal sealed class FencingLedger(IOptions<AgentOptions> options)
{
    private readonly Lock _lock = new();
    private readonly string _path = Path.Combine(options.Value.StateDirectory, "fencing-token");
    private long? _highest;

    /// <summary>A leader's advice: remember its token if it is the highest yet.</summary>
    public void Observe(long token)
    {
        lock (_lock)
        {
            if (Load() is { } highest && token > highest)
            {
                Save(token);
            }
        }
    }

    /// <summary>Why a command with this token may not act, or null (and the token is remembered).</summary>
    public string? Refusal(long token)
    {
        lock (_lock)
        {
            if (Load() is not { } highest)
            {
                return $"the fencing ledger {_path} is unreadable or corrupt: nothing is done until it is fixed (remove it if this node never saw an HA leader)";
            }

            if (FencingRule.Refusal(highest, token, _path) is { } refusal)
            {
                return refusal;
            }

            if (token > highest)
            {
                Save(token);
            }

            return null;
        }
    }

    private long? Load()
    {
        if (_highest is { } known)
        {
            return known;
        }

        if (!File.Exists(_path))
        {
            return _highest = 0;
        }

        try
        {
            return long.TryParse(File.ReadAllText(_path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? _highest = value : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void Save(long token)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temp = _path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(token.ToString(CultureInfo.InvariantCulture) + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, _path, overwrite: true);
        _highest = token;
    }
}
