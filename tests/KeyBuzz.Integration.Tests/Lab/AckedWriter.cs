using System.Collections.Concurrent;
using MySqlConnector;

namespace KeyBuzz.Integration.Tests.Lab;

/// <summary>
/// An ERP-like client: inserts a row every few milliseconds into whichever node accepts writes and
/// logs every id the server acknowledged (autocommit returned OK). After a recovery, every
/// acknowledged id must be on every node: that is "no acknowledged write lost".
/// </summary>
internal sealed class AckedWriter : IAsyncDisposable
{
    private readonly ConcurrentQueue<long> _acked = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly (string Host, int Port)[] _addresses;
    private readonly long _base = DateTime.UtcNow.Ticks / 10_000 * 1000;
    private readonly int _first;

    private AckedWriter((string Host, int Port)[] addresses, int first)
    {
        _addresses = addresses;
        _first = first;
        _loop = Task.Run(RunAsync);
    }

    public IReadOnlyCollection<long> Acked => _acked.ToArray();

    /// <summary>Writes where the application writes: through the ProxySQL frontends when the lab has them, else to the nodes.</summary>
    public static async Task<AckedWriter> StartAsync(LabCluster cluster)
    {
        await CreateTableAsync(cluster, 1);
        return new AckedWriter([.. cluster.AppEndpoints], 0);
    }

    /// <summary>Writes to the nodes directly, to <paramref name="preferNode"/> first (the client moves on to the next one on an error).</summary>
    public static async Task<AckedWriter> StartDirectAsync(LabCluster cluster, int preferNode)
    {
        await CreateTableAsync(cluster, preferNode);
        return new AckedWriter([.. Enumerable.Range(1, 3).Select(n => (cluster.Address(n), 3306))], preferNode - 1);
    }

    private static Task CreateTableAsync(LabCluster cluster, int node) =>
        cluster.RunAsync("sql", $"{node}", "CREATE TABLE IF NOT EXISTS erp.kbtest (id BIGINT PRIMARY KEY, at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))");

    public static string ConnectionString(string address, int port = 3306) => new MySqlConnectionStringBuilder
    {
        Server = address,
        Port = (uint)port,
        UserID = "app",
        Password = "app-lab",
        Database = "erp",
        ConnectionTimeout = 1,
        DefaultCommandTimeout = 2,
        Pooling = false,
    }.ConnectionString;

    /// <summary>Waits until at least <paramref name="more"/> new writes were acknowledged.</summary>
    public Task WaitForMoreAsync(int more, TimeSpan timeout)
    {
        var target = _acked.Count + more;
        return Poll.UntilAsync(() => Task.FromResult(_acked.Count >= target), timeout, $"{more} more acknowledged writes");
    }

    public async Task<IReadOnlyCollection<long>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        return Acked;
    }

    /// <summary>Acknowledged ids missing from the node (empty when none is lost).</summary>
    public static async Task<IReadOnlyList<long>> MissingOnAsync(string address, IReadOnlyCollection<long> acked)
    {
        await using var connection = new MySqlConnection(ConnectionString(address));
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT id FROM kbtest", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var present = new HashSet<long>();
        while (await reader.ReadAsync())
        {
            present.Add(reader.GetInt64(0));
        }

        return [.. acked.Where(id => !present.Contains(id))];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var next = _base;
        var target = _first;
        MySqlConnection? connection = null;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                if (connection is null)
                {
                    connection = new MySqlConnection(ConnectionString(_addresses[target].Host, _addresses[target].Port));
                    await connection.OpenAsync(_stop.Token);
                }

                await using var command = new MySqlCommand($"INSERT INTO kbtest (id) VALUES ({next})", connection);
                await command.ExecuteNonQueryAsync(_stop.Token);
                _acked.Enqueue(next++);
                await Task.Delay(20, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception ex) when (ex is MySqlException or InvalidOperationException or IOException)
            {
                // Not acknowledged: the id may or may not be committed; never reused, never counted.
                next++;
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }

                connection = null;
                target = (target + 1) % _addresses.Length;
                try
                {
                    await Task.Delay(50, _stop.Token);
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
