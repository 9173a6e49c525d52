using System.Globalization;

namespace KeyBuzz.Collector.History;

/// <summary>
/// Reading ids are "cluster/node|unix-ms (13 digits)|seq (12 digits)": ordinal order is time order
/// within a node, so a node's time range is one range scan on the primary index.
/// </summary>
internal static class HistoryKeys
{
    public static string Node(string cluster, string node) => $"{cluster}/{node}";

    public static string Reading(string cluster, string node, long unixMs, ulong seq) =>
        string.Create(CultureInfo.InvariantCulture, $"{cluster}/{node}|{unixMs:D13}|{seq:D12}");

    /// <summary>
    /// A chunk's id: its first reading's key and the agent instance, so two instances of a node
    /// (an agent restarted) starting at the same millisecond and seq never share one.
    /// </summary>
    public static string Chunk(string cluster, string node, long unixMs, ulong seq, string instance) =>
        string.Create(CultureInfo.InvariantCulture, $"{cluster}/{node}|{unixMs:D13}|{seq:D12}|{instance}");

    public static string From(string cluster, string node, long unixMs) =>
        string.Create(CultureInfo.InvariantCulture, $"{cluster}/{node}|{Math.Max(0, unixMs):D13}|");

    /// <summary>'}' sorts after '|' and digits: the upper bound of every id at <paramref name="unixMs"/>.</summary>
    public static string To(string cluster, string node, long unixMs) =>
        string.Create(CultureInfo.InvariantCulture, $"{cluster}/{node}|{Math.Max(0, unixMs):D13}}}");

    /// <summary>"cluster/node" back into its parts.</summary>
    public static (string Cluster, string Node) Parse(string nodeKey)
    {
        var slash = nodeKey.IndexOf('/', StringComparison.Ordinal);
        return (nodeKey[..slash], nodeKey[(slash + 1)..]);
    }

    public static string Agent(string cluster, string node, string instance) => $"{cluster}/{node}|{instance}";
}
