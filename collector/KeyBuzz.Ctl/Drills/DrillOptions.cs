using System.Globalization;
using KeyBuzz.Ctl.Cli;

namespace KeyBuzz.Ctl.Drills;

/// <summary>How a node drill connects and how long it keeps the node away; Proxy: the drilled node is a ProxySQL node.</summary>
/// <param name="ProxySql">The ProxySQL nodes in front (--proxysql servers.tsv and its options): a drilled writer is first moved away by a planned switchover, and back afterwards.</param>
internal sealed record DrillOptions(
    IReadOnlyList<string> Sql,
    string? Through,
    string User,
    string Password,
    string Database,
    bool Kill,
    TimeSpan Down,
    TimeSpan RejoinTimeout,
    bool Proxy = false,
    ProxySql.ProxySqlSettings? ProxySql = null)
{
    public static (string Host, uint Port) HostPort(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon > 0 && uint.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? (address[..colon], port)
            : throw new UsageException($"'{address}' is not HOST:PORT");
    }
}
