using System.Diagnostics;
using MySqlConnector;

namespace KeyBuzz.Ctl.Drills;

/// <summary>
/// The drill's client: inserts one row every 50 ms and remembers every id the server acknowledged
/// (autocommit returned OK), the errors it saw and when each acknowledgement came. On an error it
/// reconnects to the next address, as an application behind a failover would.
/// </summary>
internal sealed class DrillWriter : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);
    private readonly List<(long Id, TimeSpan At)> _acked = [];
    private readonly List<(TimeSpan At, string Message)> _errors = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock;
    private readonly IReadOnlyList<string> _connectionStrings;
    private readonly string _table;
    private readonly long _firstId;
    private readonly TimeSpan _commandTimeout;
    private Task _loop = Task.CompletedTask;

    /// <param name="clock">Shared with another writer of the same drill, so their gaps compare on one time line.</param>
    public DrillWriter(IReadOnlyList<string> connectionStrings, string table, long firstId, Stopwatch? clock = null)
    {
        _clock = clock ?? Stopwatch.StartNew();
        _connectionStrings = connectionStrings;
        _table = table;
        _firstId = firstId;
        var seconds = new MySqlConnectionStringBuilder(connectionStrings[0]).DefaultCommandTimeout;
        _commandTimeout = seconds == 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public int AckedCount
    {
        get
        {
            lock (_lock)
            {
                return _acked.Count;
            }
        }
    }

    public void Start() => _loop = Task.Run(RunAsync);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public (IReadOnlyList<(long Id, TimeSpan At)> Acked, IReadOnlyList<(TimeSpan At, string Message)> Errors) Results()
    {
        lock (_lock)
        {
            return ([.. _acked], [.. _errors]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var next = _firstId;
        var target = 0;
        MySqlConnection? connection = null;
        while (!_stop.IsCancellationRequested)
        {
            var started = _clock.Elapsed;
            try
            {
                if (connection is null)
                {
                    connection = new MySqlConnection(_connectionStrings[target]);
                    await connection.OpenAsync(_stop.Token);
                }

                await using var command = new MySqlCommand($"INSERT INTO {_table} (id) VALUES ({next})", connection);
                await command.ExecuteNonQueryAsync(_stop.Token);
                lock (_lock)
                {
                    _acked.Add((next, _clock.Elapsed));
                }

                if (_clock.Elapsed - started >= _commandTimeout)
                {
                    // Past its command timeout the driver sent KILL QUERY even though the insert then succeeded:
                    // ProxySQL pins such a session to its backend for good (no multiplexing), so it would keep
                    // writing on the old writer after a switchover. A pool would drop it; so does the drill.
                    await connection.DisposeAsync();
                    connection = null;
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is MySqlException or InvalidOperationException or IOException or TimeoutException)
            {
                // Not acknowledged: the row may or may not be committed; never counted as lost.
                lock (_lock)
                {
                    _errors.Add((_clock.Elapsed, ex.Message));
                }

                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }

                connection = null;
                // A stalled cluster (a crashed member not yet evicted) times statements out on a
                // healthy node: stay on it. Only a node that fails moves the client to the next,
                // otherwise the client itself would write on several nodes at once.
                if (ex is not MySqlException { ErrorCode: MySqlErrorCode.CommandTimeoutExpired })
                {
                    target = (target + 1) % _connectionStrings.Count;
                }
            }

            next++;
            var wait = Every - (_clock.Elapsed - started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }
}
