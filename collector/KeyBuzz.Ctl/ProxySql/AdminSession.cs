using System.Globalization;
using System.Text.RegularExpressions;
using MySqlConnector;

namespace KeyBuzz.Ctl.ProxySql;

/// <summary>One ProxySQL admin interface (MySQL protocol on port 6032): reads its runtime tables, runs statements.</summary>
internal sealed class AdminSession(string name, string host, int port, string user, string password) : IAsyncDisposable
{
    private static readonly Regex Secret = new("password|credentials", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex Literal = new("'(?:[^']|'')*'", RegexOptions.CultureInvariant);
    private static readonly Regex VariableName = new("^'(?:mysql|admin)-[a-z_]+'$", RegexOptions.CultureInvariant);
    private MySqlConnection? _connection;

    public string Name { get; } = name;

    public string Address { get; } = $"{host}:{port}";

    public async Task<AdminState> ReadAsync(CancellationToken cancellationToken) => AdminState.From(
        await RowsAsync("SELECT hostgroup_id, hostname, port, status, weight, max_connections, max_latency_ms, comment FROM runtime_mysql_servers", cancellationToken),
        await RowsAsync("SELECT * FROM runtime_mysql_galera_hostgroups", cancellationToken),
        await RowsAsync("SELECT username, password, default_hostgroup, transaction_persistent, active FROM runtime_mysql_users", cancellationToken),
        await RowsAsync("SELECT variable_name, variable_value FROM runtime_global_variables WHERE variable_name LIKE 'mysql-%' OR variable_name LIKE 'admin-%'", cancellationToken),
        await RowsAsync("SELECT hostname, port FROM runtime_proxysql_servers", cancellationToken));

    /// <summary>Sessions using each backend of a hostgroup now (stats_mysql_connection_pool ConnUsed).</summary>
    public async Task<long> ConnectionsUsedAsync(int hostgroup, string endpoint, CancellationToken cancellationToken) =>
        (await RowsAsync(string.Create(CultureInfo.InvariantCulture, $"SELECT srv_host, srv_port, ConnUsed FROM stats.stats_mysql_connection_pool WHERE hostgroup = {hostgroup}"), cancellationToken))
            .Where(r => $"{r["srv_host"]}:{r["srv_port"]}" == endpoint)
            .Sum(r => long.Parse(r["ConnUsed"] ?? "0", CultureInfo.InvariantCulture));

    /// <summary>The client sessions on one backend of a hostgroup now (stats_mysql_processlist), one line each, to name them to the operator.</summary>
    public async Task<IReadOnlyList<string>> SessionsOnAsync(int hostgroup, string endpoint, CancellationToken cancellationToken) =>
        [.. (await RowsAsync(string.Create(CultureInfo.InvariantCulture, $"SELECT SessionID, user, cli_host, cli_port, srv_host, srv_port, command, time_ms, info FROM stats.stats_mysql_processlist WHERE hostgroup = {hostgroup}"), cancellationToken))
            .Where(r => $"{r["srv_host"]}:{r["srv_port"]}" == endpoint)
            .Select(r => $"session {r["SessionID"]} {r["user"]} from {r["cli_host"]}:{r["cli_port"]}, {r["command"]} for {r["time_ms"]} ms{(string.IsNullOrEmpty(r["info"]) ? "" : ": " + Shorten(r["info"]!))}")];

    /// <summary>Runs one statement; a refusal names the statement and ProxySQL's error.</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new MySqlCommand(sql, await ConnectionAsync(cancellationToken));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (MySqlException ex)
        {
            throw new AdminException($"{Name} ({Address}) refused `{Shorten(sql)}`: {ex.Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }

    private async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> RowsAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new MySqlCommand(sql, await ConnectionAsync(cancellationToken));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<IReadOnlyDictionary<string, string?>>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new Dictionary<string, string?>(StringComparer.Ordinal);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row[reader.GetName(i)] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                }

                rows.Add(row);
            }

            return rows;
        }
        catch (MySqlException ex)
        {
            throw new AdminException($"{Name} ({Address}): `{Shorten(sql)}` failed: {ex.Message}");
        }
    }

    private async Task<MySqlConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { State: not System.Data.ConnectionState.Open })
        {
            // A dropped connection (ProxySQL restarted, network) is replaced rather than reused.
            await _connection.DisposeAsync();
            _connection = null;
        }

        if (_connection is null)
        {
            var connection = new MySqlConnection(new MySqlConnectionStringBuilder
            {
                Server = host, Port = (uint)port, UserID = user, Password = password, ConnectionTimeout = 3, DefaultCommandTimeout = 10,
                Pooling = false, ConnectionReset = false, ApplicationName = "kbctl",
            }.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
            }
            catch (MySqlException ex)
            {
                await connection.DisposeAsync();
                throw new AdminException(ex.ErrorCode == MySqlErrorCode.AccessDenied
                    ? $"{Name} at {Address} refused the admin login as {user}: {ex.Message} (the user and password must be in its admin-admin_credentials; 'admin' only works from localhost)"
                    : $"cannot reach the admin interface of {Name} at {Address}: {ex.Message} (is ProxySQL running, and does admin-mysql_ifaces listen on that address, port 6032?)");
            }

            _connection = connection;
        }

        return _connection;
    }

    /// <summary>The statement as shown in errors: values hidden where it carries a password, and cut short.</summary>
    private static string Shorten(string sql)
    {
        var shown = Secret.IsMatch(sql) ? Literal.Replace(sql, m => VariableName.IsMatch(m.Value) ? m.Value : "'…'") : sql;
        return shown.Length <= 160 ? shown : shown[..157] + "...";
    }
}
