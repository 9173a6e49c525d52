using KeyBuzz.Agent.Options;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace KeyBuzz.Agent.Repair;

/// <summary>
/// Asks the other nodes directly, with the monitoring account, whether any is Primary: independent
/// evidence checked right before a bootstrap. An unreachable peer proves nothing either way.
/// </summary>
internal sealed class PeerProbe(IOptions<RepairOptions> repair, IOptions<GaleraOptions> galera)
{
    public async Task<IReadOnlyList<string>> PrimaryPeersAsync(CancellationToken cancellationToken)
    {
        var checks = repair.Value.PeerAddresses.Select(async address =>
        {
            var colon = address.LastIndexOf(':');
            var builder = new MySqlConnectionStringBuilder
            {
                Server = address[..colon],
                Port = uint.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture),
                UserID = galera.Value.User,
                Password = galera.Value.Password,
                ConnectionTimeout = 2,
                DefaultCommandTimeout = 2,
                Pooling = false,
            };
            try
            {
                await using var connection = new MySqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new MySqlCommand("SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'WSREP_CLUSTER_STATUS'", connection);
                return await command.ExecuteScalarAsync(cancellationToken) as string == "Primary" ? address : null;
            }
            catch (MySqlException)
            {
                return null;
            }
        });
        return [.. (await Task.WhenAll(checks)).OfType<string>()];
    }
}
