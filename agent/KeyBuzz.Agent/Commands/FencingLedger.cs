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

    /// <summary>
    /// Advice from a collector: true when it may be used (its token is not below the highest seen; a
    /// deposed leader's advice could say "no round" during the new leader's), and a higher token is
    /// remembered. Best effort on disk: the highest is kept in memory even if it cannot be written.
    /// </summary>
    public bool AdmitAdvice(long token)
    {
        lock (_lock)
        {
            if (Load() is not { } highest || token < highest)
            {
                return false;
            }

            if (token > highest)
            {
                TrySave(token);
            }

            return true;
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

            if (token > highest && !TrySave(token))
            {
                return $"cannot record fencing token {token} in {_path}: nothing is done until it can be written (a restart would forget it)";
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

    private bool TrySave(long token)
    {
        _highest = token; // in memory at once: even unwritten, this process never goes below it
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var temp = _path + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(token.ToString(CultureInfo.InvariantCulture) + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, _path, overwrite: true);
            Io.DirectorySync.Flush(Path.GetDirectoryName(_path)!); // the rename itself survives a power loss
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
