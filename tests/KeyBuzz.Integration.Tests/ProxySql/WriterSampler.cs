using KeyBuzz.Integration.Tests.Lab;
using MySqlConnector;

namespace KeyBuzz.Integration.Tests.ProxySql;

/// <summary>
/// Reads runtime_mysql_servers on both lab proxies every 100 ms and counts the samples where a proxy
/// had more than one ONLINE server in the writer hostgroup (double writes).
/// </summary>
internal sealed class WriterSampler : IAsyncDisposable
{
    private readonly LabCluster _cluster;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _multiWriter = [];
    private readonly Lock _lock = new();
    private int _samples;

    public WriterSampler(LabCluster cluster)
    {
        _cluster = cluster;
        _loop = Task.Run(RunAsync);
    }

    public int Samples => Volatile.Read(ref _samples);

    public IReadOnlyList<string> MultiWriterSamples
    {
        get
        {
            lock (_lock)
            {
                return [.. _multiWriter];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var connections = new Dictionary<int, MySqlConnection?> { [1] = null, [2] = null };
        while (!_stop.IsCancellationRequested)
        {
            foreach (var proxy in LabProxies.All)
            {
                try
                {
                    var connection = connections[proxy] ??= await OpenAsync(proxy);
                    await using var command = new MySqlCommand("SELECT hostname FROM runtime_mysql_servers WHERE hostgroup_id = 10 AND status = 'ONLINE'", connection);
                    await using var reader = await command.ExecuteReaderAsync(_stop.Token);
                    var writers = new List<string>();
                    while (await reader.ReadAsync(_stop.Token))
                    {
                        writers.Add(reader.GetString(0));
                    }

                    Interlocked.Increment(ref _samples);
                    if (writers.Count > 1)
                    {
                        lock (_lock)
                        {
                            _multiWriter.Add($"{DateTime.UtcNow:HH:mm:ss.fff} proxy{proxy}: {string.Join(", ", writers)}");
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (Exception ex) when (ex is MySqlException or InvalidOperationException or IOException)
                {
                    connections[proxy] = null; // a proxy being restarted: sampled again when it answers
                }
            }

            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        foreach (var connection in connections.Values.OfType<MySqlConnection>())
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<MySqlConnection> OpenAsync(int proxy)
    {
        var connection = new MySqlConnection($"Server={_cluster.ProxyAddress(proxy)};Port=6032;User ID=radmin;Password=radmin;Connection Timeout=1;Pooling=false");
        await connection.OpenAsync(_stop.Token);
        return connection;
    }
}
