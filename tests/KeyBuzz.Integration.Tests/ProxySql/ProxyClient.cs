using System.Diagnostics;
using KeyBuzz.Integration.Tests.Lab;
using MySqlConnector;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>
/// An application writing through ProxySQL frontends: one INSERT every 20 ms, each statement retried
/// once on an error through the next frontend (a retry that finds its own row already there counts as
/// acknowledged). Records every acknowledgement with its time, and every
/// write that failed after its retry, to measure the longest gap and the errors the application saw.
/// </summary>
internal sealed class ProxyClient : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(20);
    private readonly (string Host, int Port)[] _endpoints;
    private readonly List<(long Id, TimeSpan At)> _acked = [];
    private readonly List<(TimeSpan At, string Message)> _errors = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _base;
    private readonly Task _loop;

    private ProxyClient((string Host, int Port)[] endpoints, long idBase)
    {
        _endpoints = endpoints;
        _base = idBase;
        _loop = Task.Run(RunAsync);
    }

    public TimeSpan Elapsed => _clock.Elapsed;

    public static async Task<ProxyClient> StartAsync(LabCluster cluster, params (string Host, int Port)[] endpoints)
    {
        await cluster.RunAsync("sql", "1", "CREATE TABLE IF NOT EXISTS erp.kbtest (id BIGINT PRIMARY KEY, at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))");
        // Distinct ids per client, so two clients never collide.
        return new ProxyClient(endpoints, (DateTime.UtcNow.Ticks / 10_000 * 1000) + Random.Shared.Next(0, 500) * 1_000_000_000L);
    }

    public IReadOnlyList<long> Acked
    {
        get
        {
            lock (_lock)
            {
                return [.. _acked.Select(a => a.Id)];
            }
        }
    }

    /// <summary>When each acknowledgement came (this client's clock), in order.</summary>
    public IReadOnlyList<TimeSpan> AckTimes
    {
        get
        {
            lock (_lock)
            {
                return [.. _acked.Select(a => a.At)];
            }
        }
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_lock)
            {
                return [.. _errors.Select(e => $"+{e.At.TotalSeconds:0.00}s {e.Message}")];
            }
        }
    }

    public Task WaitForMoreAsync(int more, TimeSpan timeout)
    {
        var target = Acked.Count + more;
        return Poll.UntilAsync(() => Task.FromResult(Acked.Count >= target), timeout, $"{more} more acknowledged writes");
    }

    /// <summary>The longest time between two acknowledgements from <paramref name="since"/> on (clock of this client).</summary>
    public TimeSpan LongestGap(TimeSpan since = default)
    {
        lock (_lock)
        {
            var times = _acked.Select(a => a.At).Where(t => t >= since).ToList();
            return times.Zip(times.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
        }
    }

    /// <summary>The longest pause between two acknowledgements whose first lies in [from, until), and when it began: the gap one event caused.</summary>
    public (TimeSpan Gap, TimeSpan From) GapStartingIn(TimeSpan from, TimeSpan until)
    {
        lock (_lock)
        {
            var times = _acked.Select(a => a.At).ToList();
            return times.Zip(times.Skip(1), (a, b) => (Gap: b - a, From: a)).Where(g => g.From >= from && g.From < until)
                .DefaultIfEmpty((Gap: TimeSpan.Zero, From: from)).MaxBy(g => g.Gap);
        }
    }

    public int ErrorsSince(TimeSpan since)
    {
        lock (_lock)
        {
            return _errors.Count(e => e.At >= since);
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var id = _base;
        var target = 0;
        MySqlConnection? connection = null;
        while (!_stop.IsCancellationRequested)
        {
            var started = _clock.Elapsed;
            string? failure = null;
            for (var attempt = 0; attempt < 2 && !_stop.IsCancellationRequested; attempt++)
            {
                try
                {
                    if (connection is null)
                    {
                        connection = new MySqlConnection(AckedWriter.ConnectionString(_endpoints[target].Host, _endpoints[target].Port) + ";Connection Timeout=2;Default Command Timeout=15");
                        await connection.OpenAsync(_stop.Token);
                    }

                    await using var command = new MySqlCommand($"INSERT INTO kbtest (id) VALUES ({id})", connection);
                    await command.ExecuteNonQueryAsync(_stop.Token);
                    failure = null;
                    break;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (MySqlException ex) when (attempt == 1 && ex.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
                {
                    failure = null; // the first attempt had committed: acknowledged after all
                    break;
                }
                catch (Exception ex) when (ex is MySqlException or InvalidOperationException or IOException)
                {
                    failure = ex.Message;
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                    }

                    connection = null;
                    target = (target + 1) % _endpoints.Length; // the application's failover to the next frontend
                }
            }

            lock (_lock)
            {
                if (failure is null)
                {
                    _acked.Add((id, _clock.Elapsed));
                }
                else
                {
                    _errors.Add((_clock.Elapsed, failure));
                }
            }

            id++;
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
