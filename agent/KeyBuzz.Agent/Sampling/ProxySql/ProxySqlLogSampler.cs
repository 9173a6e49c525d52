using System.Globalization;
using System.Text;
using KeyBuzz.Contracts.V1;

namespace KeyBuzz.Agent.Sampling.ProxySql;

/// <summary>
/// Counts "Galera: too many writers in HG …" lines that ProxySQL writes to its log: double-writer windows
/// often close before the next reading (proxysql-lab.md §6), the log sees every one. Reads only what was
/// appended since the last cycle (from the end at start-up); a truncated or rotated file is read again
/// from its start. Table proxysql_log, one row: too_many_writers_total (since the agent started) and the last such line.
/// </summary>
internal sealed class ProxySqlLogSampler(string path) : IProxySqlSampler
{
    private const int MaxBytesPerCycle = 4 << 20;
    private const string Marker = "too many writers";
    private long _offset = -1;
    private long _tooManyWriters;
    private string _lastLine = string.Empty;
    private readonly SemaphoreSlim _gate = new(1, 1); // a cycle that timed out may still be reading

    public const string TableName = "proxysql_log";

    public string Name => TableName;

    public async Task<AdminTable> SampleAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 << 10, useAsync: true);
            if (_offset < 0 || stream.Length < _offset)
            {
                _offset = _offset < 0 ? stream.Length : 0; // start-up: only new lines; shrunk: rotated or truncated
            }

            stream.Seek(_offset, SeekOrigin.Begin);
            var buffer = new byte[(int)Math.Min(MaxBytesPerCycle, stream.Length - _offset)];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            var complete = Array.LastIndexOf(buffer, (byte)'\n', Math.Max(0, read - 1)) + 1; // a half-written last line waits for the next cycle
            if (read > 0 && complete > 0)
            {
                foreach (var line in Encoding.UTF8.GetString(buffer, 0, complete).Split('\n'))
                {
                    if (line.Contains(Marker, StringComparison.OrdinalIgnoreCase))
                    {
                        _tooManyWriters++;
                        var trimmed = line.Trim();
                        _lastLine = trimmed.Length > 300 ? trimmed[..300] : trimmed;
                    }
                }

                _offset += complete;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"ProxySQL log {path} cannot be read ({ex.Message}): give the agent's user read access (group proxysql) or clear ProxySql:LogPath", ex);
        }
        finally
        {
            _gate.Release();
        }

        return new AdminTable
        {
            Name = Name,
            Rows = { new AdminRow { Values = { ["too_many_writers_total"] = _tooManyWriters.ToString(CultureInfo.InvariantCulture), ["last_too_many_writers"] = _lastLine } } },
        };
    }
}
