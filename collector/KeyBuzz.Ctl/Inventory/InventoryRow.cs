using System.Net;

namespace KeyBuzz.Ctl.Inventory;

/// <summary>One server of servers.tsv. Cluster is empty for the collector.</summary>
internal sealed record InventoryRow(int Line, string HostName, IPAddress PrivateIp, string Role, string Cluster)
{
    public const string MariaDb = "mariadb";
    public const string ProxySql = "proxysql";
    public const string Collector = "collector";
}
