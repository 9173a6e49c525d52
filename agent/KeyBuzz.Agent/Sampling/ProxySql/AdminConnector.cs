using System.Globalization;
using KeyBuzz.Agent.Options;
using KeyBuzz.Contracts.V1;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace KeyBuzz.Agent.Sampling.ProxySql;

/// <summary>Runs admin queries on the local ProxySQL (MySQL protocol, SQLite underneath) and returns rows as column → text.</summary>
internal sealed class AdminConnector
{
    private readonly string _connectionString;

    public AdminConnector(IOptions<ProxySqlOptions> options)
    {
        var o = options.Value;
        _connectionString = new MySqlConnectionStringBuilder
        {
            Server = o.Host,
            Port = (uint)o.Port,
            UserID = o.User,
            Password = o.Password,
            ConnectionTimeout = 2,
            DefaultCommandTimeout = 2,
            Pooling = true,
            MaximumPoolSize = 8,
            // The admin interface keeps no session state worth resetting, and does not know COM_RESET_CONNECTION.
            ConnectionReset = false,
            ApplicationName = "kb-agent",
        }.ConnectionString;
    }

    public async Task<AdminTable> QueryAsync(string table, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new MySqlConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new MySqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var result = new AdminTable { Name = table };
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new AdminRow();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i))
                    {
                        row.Values[reader.GetName(i)] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty;
                    }
                }

                result.Rows.Add(row);
            }

            return result;
        }
        catch (MySqlException)
        {
            MySqlConnection.ClearAllPools(); // a restarted ProxySQL leaves dead pooled connections
            throw;
        }
    }
}
