using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace KeyBuzz.Ctl.Inventory;

/// <summary>
/// Turns a valid inventory into files: one agent.json per MariaDB and ProxySQL node, and for the collector host
/// its collector.json, the node registry (nodes.tsv) and setup.sh (TLS + one token per agent).
/// </summary>
internal static class InventoryRenderer
{
    public const int GrpcPort = 7171;
    public const int HttpPort = 7172;

    public static IReadOnlyList<RenderedFile> Render(Inventory inventory)
    {
        var files = new List<RenderedFile>();
        var collector = inventory.Collector;
        var collectorUrl = $"https://{Host(collector.PrivateIp)}:{GrpcPort}";
        foreach (var cluster in inventory.Clusters)
        {
            var nodes = cluster.Where(r => r.Role == InventoryRow.MariaDb).ToList();
            foreach (var node in nodes)
            {
                files.Add(new RenderedFile($"{node.HostName}/agent.json", AgentJson(node, collectorUrl, nodes.Where(n => n != node))));
            }

            foreach (var proxy in cluster.Where(r => r.Role == InventoryRow.ProxySql))
            {
                files.Add(new RenderedFile($"{proxy.HostName}/agent.json", ProxyAgentJson(proxy, collectorUrl)));
            }
        }

        files.Add(new RenderedFile("collector/collector.json", CollectorJson(inventory)));
        files.Add(new RenderedFile("collector/nodes.tsv", Registry(inventory)));
        files.Add(new RenderedFile("collector/setup.sh", SetupScript(inventory), Executable: true));
        return files;
    }

    private static string AgentJson(InventoryRow node, string collectorUrl, IEnumerable<InventoryRow> peers) => Json(w =>
    {
        AgentSection(w, node, "galera", collectorUrl);
        w.WriteStartObject("Galera");
        w.WriteString("Host", "127.0.0.1");
        w.WriteNumber("Port", 3306);
        w.WriteString("User", "kbmon");
        w.WriteString("Password", "");
        w.WriteString("DataDirectory", "/var/lib/mysql");
        w.WriteString("PidFile", "/run/mysqld/mysqld.pid");
        w.WriteEndObject();
        w.WriteStartObject("Repair");
        w.WriteBoolean("Enabled", true);
        w.WriteString("ServiceControl", "systemd");
        w.WriteString("SystemdUnit", "mariadb");
        w.WriteStartArray("PeerAddresses");
        foreach (var peer in peers)
        {
            w.WriteStringValue($"{Host(peer.PrivateIp)}:3306");
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>A ProxySQL node's agent: reads the local admin interface; Password is the admin user's, to fill in.</summary>
    private static string ProxyAgentJson(InventoryRow proxy, string collectorUrl) => Json(w =>
    {
        AgentSection(w, proxy, "proxysql", collectorUrl);
        w.WriteStartObject("ProxySql");
        w.WriteString("Host", "127.0.0.1");
        w.WriteNumber("Port", 6032);
        w.WriteString("User", "radmin");
        w.WriteString("Password", "");
        w.WriteString("ServiceControl", "systemd");
        w.WriteString("SystemdUnit", "proxysql");
        w.WriteString("LogPath", "/var/lib/proxysql/proxysql.log");
        w.WriteEndObject();
    });

    private static void AgentSection(Utf8JsonWriter w, InventoryRow node, string role, string collectorUrl)
    {
        w.WriteStartObject("Agent");
        w.WriteString("NodeName", node.HostName);
        w.WriteString("ClusterName", node.Cluster);
        w.WriteString("Role", role);
        w.WriteString("CollectorUrl", collectorUrl);
        w.WriteString("CollectorCaFile", "/etc/keybuzz/ca.crt");
        w.WriteString("TokenFile", "/etc/keybuzz/agent.token");
        w.WriteString("StateDirectory", "/var/lib/keybuzz/agent");
        w.WriteNumber("IntervalMs", 1000);
        w.WriteEndObject();
    }

    private static string CollectorJson(Inventory inventory) => Json(w =>
    {
        var ip = Host(inventory.Collector.PrivateIp);
        w.WriteStartObject("Collector");
        w.WriteString("ListenUrl", $"https://{ip}:{GrpcPort}");
        w.WriteString("HttpListenUrl", $"https://{ip}:{HttpPort}");
        w.WriteString("TlsCertificateFile", "/etc/keybuzz/tls/collector.crt");
        w.WriteString("TlsKeyFile", "/etc/keybuzz/tls/collector.key");
        w.WriteString("DataDirectory", "/var/lib/keybuzz/collector");
        w.WriteEndObject();
        w.WriteStartObject("Auth");
        w.WriteString("Mode", "token");
        w.WriteString("TokensFile", "/var/lib/keybuzz/collector/tokens.json");
        w.WriteEndObject();
        w.WriteStartObject("Alerts");
        w.WriteStartObject("ExpectedClusterSize");
        foreach (var cluster in inventory.Clusters)
        {
            w.WriteNumber(cluster.Key, cluster.Count(r => r.Role == InventoryRow.MariaDb));
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static string Registry(Inventory inventory)
    {
        var text = new StringBuilder("cluster\tnode\tprivate_ip\trole\n");
        foreach (var row in inventory.Rows.Where(r => r.Role != InventoryRow.Collector).OrderBy(r => r.Cluster, StringComparer.Ordinal).ThenBy(r => r.Role, StringComparer.Ordinal).ThenBy(r => r.HostName, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Cluster}\t{row.HostName}\t{row.PrivateIp}\t{row.Role}\n");
        }

        return text.ToString();
    }

    private static string SetupScript(Inventory inventory)
    {
        var collector = inventory.Collector;
        var ipFlag = $"--ip {collector.PrivateIp}";
        var text = new StringBuilder($"""
            #!/bin/sh
            # Run once as root on {collector.HostName} after installing keybuzz-collector.
            # Creates the cluster CA and the collector certificate, and one token per agent in ./tokens/
            # (copy each to its node as /etc/keybuzz/agent.token, mode 0640 root:keybuzz, with ca.crt).
            set -eu
            kb-collector tls init --out /etc/keybuzz/tls {ipFlag} --dns {collector.HostName}
            chgrp keybuzz /etc/keybuzz/tls/collector.key && chmod 0640 /etc/keybuzz/tls/collector.key
            install -m 0644 /etc/keybuzz/tls/ca.crt ./ca.crt
            umask 077
            mkdir -p tokens
            keybuzz-tokens add-operator admin --role admin > tokens/kbctl-admin.token

            """);
        foreach (var node in inventory.Rows.Where(r => r.Role != InventoryRow.Collector).OrderBy(r => r.Cluster, StringComparer.Ordinal).ThenBy(r => r.HostName, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"keybuzz-tokens add-agent {node.Cluster} {node.HostName} > tokens/{node.HostName}.token\n");
        }

        text.Append("echo \"done: install collector.json as /etc/keybuzz/collector.json, then systemctl enable --now keybuzz-collector\"\n");
        return text.ToString();
    }

    private static string Host(IPAddress ip) => ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip.ToString();

    private static string Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
