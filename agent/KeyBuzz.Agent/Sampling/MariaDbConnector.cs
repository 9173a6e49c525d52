using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace KeyBuzz.Agent.Sampling;

/// <summary>Opens pooled connections to the local node and runs the two-column status queries.</summary>
internal sealed class MariaDbConnector
{
    private readonly string _connectionString;

    public MariaDbConnector(IOptions<GaleraOptions> options)
    {
        var o = options.Value;
        var builder = new MySqlConnectionStringBuilder
        {
            UserID = o.User,
            Password = o.Password,
            ConnectionTimeout = 2,
            DefaultCommandTimeout = 2,
            Pooling = true,
            MinimumPoolSize = 0,
            MaximumPoolSize = 4,
            // Monitoring queries change no session state: skip the reset round trip on each open.
            ConnectionReset = false,
            ConnectionIdleTimeout = 60,
            ApplicationName = "kb-agent",
        };
        if (!string.IsNullOrWhiteSpace(o.Socket))
        {
            builder.Server = o.Socket;
            builder.ConnectionProtocol = MySqlConnectionProtocol.UnixSocket;
        }
        else
        {
            builder.Server = o.Host;
            builder.Port = (uint)o.Port;
        }

        _connectionString = builder.ConnectionString;
    }

    /// <summary>Runs a query returning (name, value) rows; names are lower-cased.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, string>>> QueryPairsAsync(string sql, CancellationToken cancellationToken) =>
        (await QueryPairSetsAsync(sql, cancellationToken))[0];

    /// <summary>
    /// Runs statements separated by ';' in one round trip and returns each one's (name, value) rows;
    /// names are lower-cased.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>> QueryPairSetsAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new MySqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var sets = new List<IReadOnlyList<KeyValuePair<string, string>>>();
            do
            {
                var rows = new List<KeyValuePair<string, string>>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    var value = reader.IsDBNull(1) ? string.Empty : reader.GetValue(1).ToString() ?? string.Empty;
                    rows.Add(new(reader.GetString(0).ToLowerInvariant(), value));
                }

                sets.Add(rows);
            }
            while (await reader.NextResultAsync(cancellationToken));

            return sets;
        }
        catch (MySqlException)
        {
            // A crashed server leaves dead connections in the pool: drop them so the next cycle reconnects.
            MySqlConnection.ClearAllPools();
            throw;
        }
    }
}
